#!/usr/bin/env python3
"""neovim_init.py INTEGRATIONS_MD CLANGD OUT: writes OUT, the Neovim 0.7
snippet of docs/integrations.md (the ```lua block under "### Neovim" that
uses vim.lsp.start_client), with its '/usr/bin/connleak-clangd' replaced by
CLANGD. Fails when the docs have no such block."""
import re
import sys

text = open(sys.argv[1]).read()
section = text.split("### Neovim", 1)[1].split("\n### ", 1)[0]
blocks = [b for b in re.findall(r"```lua\n(.*?)```", section, re.S) if "vim.lsp.start_client" in b]
if not blocks:
    sys.exit("neovim_init.py: no ```lua block with vim.lsp.start_client under '### Neovim'")
if "'/usr/bin/connleak-clangd'" not in blocks[0]:
    sys.exit("neovim_init.py: the snippet does not start '/usr/bin/connleak-clangd'")
with open(sys.argv[3], "w") as f:
    f.write(blocks[0].replace("'/usr/bin/connleak-clangd'", "'%s'" % sys.argv[2]))
