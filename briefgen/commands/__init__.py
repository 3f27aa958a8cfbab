"""Commands: what each ``briefgen`` subcommand does, as functions a script can call.

``plan`` (which outputs, where, with which options) and ``build`` (run the writers in workers, keep
the manifest); ``watch``, ``preview``, ``diff``, ``coverage``, ``listing`` and ``templates``.
The command line (:mod:`briefgen.cli`) only parses options and calls these.
"""
