-- Headless end-to-end test with Neovim as a real, independent LSP client of workload-guard-ls.
-- Run by test/e2e/nvim.sh:  nvim --headless -n -i NONE -u test/e2e/nvim/init.lua -c 'luafile test/e2e/nvim/e2e.lua'
-- Works with Neovim 0.7 APIs only. Prints one PASS/FAIL line per check and exits non-zero unless all pass.

local TIMEOUT_MS = 20000 -- upper bound of each wait; every wait returns as soon as its condition holds
local POLL_MS = 20

local fixtures_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/fixtures'
local started_at = vim.loop.hrtime()
local passed, failed = 0, 0

local function elapsed_ms()
  return math.floor((vim.loop.hrtime() - started_at) / 1e6)
end

-- print() in a headless Neovim goes to the message area, not reliably to stdout: write directly.
local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

-- Assertion failures carry a readable message; anything else gets a traceback.
local function fail(message)
  error({ message = message })
end

local function on_error(err)
  if type(err) == 'table' and err.message then
    return err.message
  end
  return debug.traceback(tostring(err), 2)
end

local function check(name, body)
  local ok, result = xpcall(body, on_error)
  if ok then
    passed = passed + 1
    out(string.format('PASS %s: %s [%d ms]', name, result or 'ok', elapsed_ms()))
  else
    failed = failed + 1
    out(string.format('FAIL %s: %s [%d ms]', name, result, elapsed_ms()))
  end
end

-- Every publishDiagnostics is recorded per URI, then handed on to Neovim's own handler (vim.diagnostic).
local publications = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  local list = publications[result.uri] or {}
  table.insert(list, { version = result.version })
  publications[result.uri] = list
  return default_publish(err, result, ctx, config)
end

local function our_client(bufnr)
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'workload-guard' then
      return client
    end
  end
  return nil
end

-- The clients init.lua starts, recorded so that a server that exits fails the check at once, not after the time-out.
local started_clients = {}
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config)
  local client_id = start_client(config)
  if client_id ~= nil then
    table.insert(started_clients, client_id)
  end
  return client_id
end

local function server_running()
  local latest = started_clients[#started_clients]
  local client = latest and vim.lsp.get_client_by_id(latest)
  return client ~= nil and not client.is_stopped()
end

-- Waits until the condition holds; fails when the server is not running or the time-out passes.
local function wait_for(what, condition)
  local ok = vim.wait(TIMEOUT_MS, function()
    return not server_running() or condition()
  end, POLL_MS)
  if not server_running() then
    fail('the language server is not running (its stderr is in lsp.log) while waiting for ' .. what)
  end
  if not ok then
    fail(string.format('no %s within %d ms', what, TIMEOUT_MS))
  end
end

-- True once the server has published diagnostics for the buffer's current version.
local function diagnostics_current(bufnr)
  local list = publications[vim.uri_from_bufnr(bufnr)]
  local last = list and list[#list]
  return last ~= nil and last.version == vim.lsp.util.buf_versions[bufnr]
end

local function line_of(bufnr, needle)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(needle, 1, true) then
      return index - 1
    end
  end
  fail('the buffer has no line containing ' .. needle)
end

local function diagnostics_with_code(bufnr, code)
  return vim.tbl_filter(function(diagnostic)
    return diagnostic.code == code
  end, vim.diagnostic.get(bufnr))
end

-- Expects exactly one diagnostic of the rule, on the line containing `needle`; returns that line (0-based).
local function expect_diagnostic(bufnr, code, needle)
  local line = line_of(bufnr, needle)
  local found = diagnostics_with_code(bufnr, code)
  if #found == 0 then
    fail(string.format('no %s diagnostic (expected at line %d)', code, line + 1))
  end
  local lines = vim.tbl_map(function(diagnostic)
    return diagnostic.lnum + 1
  end, found)
  if #found ~= 1 or found[1].lnum ~= line then
    fail(string.format('%s at line(s) %s, expected once at line %d', code, table.concat(lines, ','), line + 1))
  end
  return line
end

local function open_copy(workspace, fixture, filetype)
  local path = workspace .. '/' .. fixture
  vim.fn.writefile(vim.fn.readfile(fixtures_dir .. '/' .. fixture, 'b'), path, 'b')
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= filetype then
    fail(string.format('%s opened with filetype %q, expected %q', fixture, vim.bo[bufnr].filetype, filetype))
  end
  -- Neovim lists a client for the buffer once the server has answered `initialize`.
  wait_for('initialized workload-guard client on ' .. fixture, function()
    return our_client(bufnr) ~= nil
  end)
  return bufnr
end

local function request(bufnr, method, params)
  local client = our_client(bufnr) or fail('no workload-guard client on the buffer')
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT_MS)
  if responses == nil then
    fail(string.format('%s: %s', method, tostring(err)))
  end
  local response = responses[client.id] or fail(method .. ': no response from workload-guard')
  if response.err then
    fail(string.format('%s: %s', method, vim.inspect(response.err)))
  end
  return response.result
end

local function run()
  local workspace = vim.fn.tempname()
  vim.fn.mkdir(workspace, 'p')
  vim.cmd('cd ' .. vim.fn.fnameescape(workspace))
  local manifest

  check('(a) diagnostics on an insecure Deployment', function()
    manifest = open_copy(workspace, 'insecure-deployment.yaml', 'yaml')
    wait_for('publishDiagnostics for insecure-deployment.yaml', function()
      return diagnostics_current(manifest)
    end)
    local privileged = expect_diagnostic(manifest, 'pss-privileged', 'privileged: true')
    local non_root = expect_diagnostic(manifest, 'pss-run-as-non-root', 'kind: Deployment')
    local escalation = expect_diagnostic(manifest, 'pss-allow-privilege-escalation', '- name: web')
    -- init.lua turns image-tag off through the settings Neovim hands out on workspace/configuration.
    if #diagnostics_with_code(manifest, 'image-tag') ~= 0 then
      fail('image-tag is reported although init.lua turns it off: the settings did not reach the server')
    end
    return string.format('%d diagnostics; pss-privileged at line %d, pss-run-as-non-root at line %d, pss-allow-privilege-escalation at line %d; image-tag off by setting',
      #vim.diagnostic.get(manifest), privileged + 1, non_root + 1, escalation + 1)
  end)

  check('(b) quick fix "Set privileged: false"', function()
    local bufnr = manifest or fail('the manifest did not open')
    local line = line_of(bufnr, 'privileged: true')
    local at_line = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line)
    local target = vim.tbl_filter(function(diagnostic)
      return diagnostic.code == 'pss-privileged'
    end, at_line)[1] or fail('no pss-privileged diagnostic to fix')
    local actions = request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = target.range,
      context = { diagnostics = at_line, only = { 'quickfix' } },
    }) or {}
    local titles = vim.tbl_map(function(action)
      return action.title
    end, actions)
    local fix = vim.tbl_filter(function(action)
      return action.title == 'Set privileged: false'
    end, actions)[1] or fail('no "Set privileged: false" among the code actions: ' .. vim.inspect(titles))
    if fix.edit == nil then
      fail('the quick fix carries no WorkspaceEdit')
    end
    vim.lsp.util.apply_workspace_edit(fix.edit, our_client(bufnr).offset_encoding)
    local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
    if text ~= '            privileged: false' then
      fail(string.format('line %d after the fix is %q', line + 1, text))
    end
    wait_for('publishDiagnostics after the edit', function()
      return diagnostics_current(bufnr)
    end)
    if #diagnostics_with_code(bufnr, 'pss-privileged') ~= 0 then
      fail('pss-privileged is still reported after the fix')
    end
    -- The re-published set is a real analysis, not merely an empty list.
    expect_diagnostic(bufnr, 'pss-run-as-non-root', 'kind: Deployment')
    return string.format('%d code actions, edit applied, pss-privileged gone, %d diagnostics left', #actions, #vim.diagnostic.get(bufnr))
  end)

  check('(c) completion inside securityContext', function()
    local bufnr = manifest or fail('the manifest did not open')
    local context_line = line_of(bufnr, 'securityContext:')
    local indent = string.rep(' ', #vim.api.nvim_buf_get_lines(bufnr, context_line, context_line + 1, false)[1]:match('^%s*') + 2)
    vim.api.nvim_buf_set_lines(bufnr, context_line + 1, context_line + 1, false, { indent })
    local result = request(bufnr, 'textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = context_line + 1, character = #indent },
    }) or fail('no completion result')
    local labels = {}
    for _, item in ipairs(result.items or result) do
      labels[item.label] = true
    end
    for _, wanted in ipairs({ 'runAsNonRoot', 'allowPrivilegeEscalation', 'capabilities', 'seccompProfile' }) do
      if not labels[wanted] then
        fail(string.format('%s missing from the completion items: %s', wanted, table.concat(vim.tbl_keys(labels), ', ')))
      end
    end
    if labels['privileged'] then
      fail('privileged is offered although the securityContext already sets it')
    end
    return string.format('%d items, runAsNonRoot, allowPrivilegeEscalation, capabilities and seccompProfile among them', vim.tbl_count(labels))
  end)

  check('(d) misspelled syscall in a seccomp profile', function()
    local bufnr = open_copy(workspace, 'seccomp-typo.json', 'json')
    wait_for('publishDiagnostics for seccomp-typo.json', function()
      return diagnostics_current(bufnr)
    end)
    local line = expect_diagnostic(bufnr, 'seccomp-unknown-syscall', '"wirte"')
    local message = diagnostics_with_code(bufnr, 'seccomp-unknown-syscall')[1].message
    if not message:find('write', 1, true) then
      fail('the message does not suggest write: ' .. message)
    end
    return string.format('seccomp-unknown-syscall at line %d: %s', line + 1, message)
  end)
end

local ok, err = xpcall(run, on_error)
if not ok then
  failed = failed + 1
  out('FAIL set-up: ' .. err)
end
out(string.format('%d passed, %d failed [%d ms]', passed, failed, elapsed_ms()))
if failed == 0 then
  vim.cmd('qall!')
else
  vim.cmd('cquit! 1')
end
