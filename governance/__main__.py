from governance.cli import run

run()
