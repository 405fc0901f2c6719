-- For test/clangd/neovim.test: waits up to 60 s for the clang-tidy
-- diagnostics of the current buffer, prints them (sorted) and whether they
-- came, on stdout, and quits.
local function tidy()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    if d.source == 'clang-tidy' then
      table.insert(out, string.format('%d:%d: %s [%s]', d.lnum + 1, d.col + 1,
                                      d.message, tostring(d.code or lsp.code)))
    end
  end
  table.sort(out)
  return out
end
local ok = vim.wait(60000, function() return #tidy() > 0 end, 100)
local clients = vim.lsp.buf_get_clients(0)
local names = {}
for _, c in pairs(clients) do table.insert(names, c.name) end
io.stdout:write('clients: ' .. table.concat(names, ',') .. '\n')
for _, line in ipairs(tidy()) do io.stdout:write(line .. '\n') end
io.stdout:write(ok and 'diagnostics received\n' or 'no clang-tidy diagnostics in 60 s\n')
vim.cmd('qa!')
