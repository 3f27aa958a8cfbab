"""Load: read the content library from YAML into typed, validated, located records.

``yamlsource`` (YAML to located nodes, safely) -> ``schema`` (field checkers that collect every error)
-> ``model`` (the immutable content model) -> ``library`` (load the files, cross-check ids, resolve
audience profiles); ``images`` checks the pictures items show.  Nothing here renders or writes.
"""
