-- Drives Neovim's built-in LSP client against the QuickTakes server, headless.
-- Reads a plan (JSON in $QT_PLAN), opens the article, waits for the server's
-- diagnostics, optionally edits and asks for completion, and writes what the
-- client saw as JSON to $QT_OUT. Neovim 0.7 API (vim.lsp.start_client).
local plan = vim.json.decode(os.getenv('QT_PLAN'))
local out = {}

local function finish()
  local f = assert(io.open(os.getenv('QT_OUT'), 'w'))
  f:write(vim.json.encode(out))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local state
  local client_id = vim.lsp.start_client({
    name = 'quicktakes',
    cmd = { plan.node, plan.server, '--stdio' },
    root_dir = plan.root,
    workspace_folders = { { uri = vim.uri_from_fname(plan.root), name = 'workspace' } },
    init_options = { diagnosticsDelay = 0 },
    handlers = {
      ['quicktakes/status'] = function(_, result)
        state = result.state
      end,
    },
  })
  assert(client_id, 'the language server did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function codes()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      seen[#seen + 1] = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    end
    return seen
  end
  local function has_all()
    local seen = table.concat(codes(), ' ') .. ' '
    for _, c in ipairs(plan.waitCodes) do
      if not seen:find(c .. ' ', 1, true) then return false end
    end
    return true
  end
  out.indexed = vim.wait(30000, function() return state == 'ready' or state == 'idle' end, 50)
  out.diagnosticsArrived = vim.wait(30000, has_all, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out.diagnostics[#out.diagnostics + 1] = {
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
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
    local result = responses[client_id] and responses[client_id].result
    out.completion = (result and (result.items or result)) or vim.NIL
    out.completionError = responses[client_id] and responses[client_id].err or vim.NIL
  end
end)
if not ok then out.error = tostring(err) end
finish()
