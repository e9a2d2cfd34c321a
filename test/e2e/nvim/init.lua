-- Minimal Neovim 0.7+ configuration: one workload-guard-ls client, attached to every yaml and json buffer.
-- Only APIs that exist in 0.7 (Debian bookworm's Neovim): vim.lsp.start_client + vim.lsp.buf_attach_client.
-- It runs this checkout's bin/workload-guard-ls.js (which loads the built dist/server.js) with node.

local this_file = debug.getinfo(1, 'S').source:sub(2)
local repo_root = vim.fn.fnamemodify(this_file, ':p:h:h:h:h')
local server_cmd = { 'node', repo_root .. '/bin/workload-guard-ls.js', '--stdio' }

local client_id = nil

local function attach(bufnr)
  -- A stopped or crashed client is gone from the registry: start a fresh one for the next buffer.
  if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client({
      name = 'workload-guard',
      cmd = server_cmd,
      root_dir = vim.fn.getcwd(),
      -- The e2e test checks that this setting arrives: it expects no image-tag finding.
      settings = { workloadGuard = { rules = { ['image-tag'] = 'off' } } },
      -- Neovim 0.7 neither offers workspace/configuration nor sends the settings by itself; its documentation
      -- says to send them here. They arrive before the first didOpen.
      on_init = function(client)
        client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
      end,
    })
  end
  if client_id ~= nil then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'yaml', 'json' },
  callback = function(args)
    attach(args.buf)
  end,
})
