"""The document lifecycle: new, revise, review, retire, diff, due."""
