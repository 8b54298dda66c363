from governance.cli import main

main(prog_name="styrdok")
