-- Drives Neovim's built-in LSP client, started by the README's configuration
-- (loaded before this file), against the QuickTakes server, headless. Reads a
-- plan (JSON in $QT_PLAN), opens the article, waits for the server's diagnostics,
-- optionally edits and asks for completion, and writes what the client saw as
-- JSON to $QT_OUT. Neovim 0.7 API.
local plan = vim.json.decode(os.getenv('QT_PLAN'))
local out = {}

local function lsp_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local ok, err = pcall(function()
  local state
  vim.lsp.handlers['quicktakes/status'] = function(_, result)
    state = result.state
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local bufnr = vim.api.nvim_get_current_buf()
  out.attached = vim.wait(10000, function() return #vim.lsp.buf_get_clients(bufnr) > 0 end, 50)
  assert(out.attached, 'the configuration attached no LSP client to ' .. plan.file)

  local function has_all()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      seen[tostring(lsp_code(d))] = true
    end
    for _, c in ipairs(plan.waitCodes) do
      if not seen[c] then return false end
    end
    return true
  end
  out.indexed = vim.wait(30000, function() return state == 'ready' or state == 'idle' end, 50)
  out.diagnosticsArrived = vim.wait(30000, has_all, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out.diagnostics[#out.diagnostics + 1] = {
      code = lsp_code(d),
      severity = d.severity,
      lnum = d.lnum,
      col = d.col,
      text = vim.api.nvim_buf_get_text(bufnr, d.lnum, d.col, d.end_lnum, d.end_col, {})[1],
    }
  end

  if plan.completion then
    local c = plan.completion
    if c.insert then
      vim.api.nvim_buf_set_text(bufnr, c.insert.line, c.insert.character, c.insert.line, c.insert.character, vim.split(c.insert.text, '\n'))
    end
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = c.line, character = c.character } }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 20000) or {}
    for _, response in pairs(responses) do
      if response.err then out.completionError = response.err end
      if response.result then out.completion = response.result.items or response.result end
    end
    -- accept an item as an editor does: its edit and additional edits, then report the buffer
    for _, item in ipairs(c.accept and out.completion or {}) do
      if item.label == c.accept then
        local edits = { item.textEdit }
        for _, e in ipairs(item.additionalTextEdits or {}) do edits[#edits + 1] = e end
        vim.lsp.util.apply_text_edits(edits, bufnr, 'utf-16')
        out.accepted = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
      end
    end
  end
end)
if not ok then out.error = tostring(err) end
local f = assert(io.open(os.getenv('QT_OUT'), 'w'))
f:write(vim.json.encode(out))
f:close()
vim.cmd('qa!')
