"""The command line: `python -m macros check | build | diff | serve`.

`main.main(argv, generator, project_root)` parses the command, runs it with the
generator the adapter hands in, and returns the exit status: 0 success, 1 findings,
2 usage errors or input that cannot be read.
"""
