using Fleet.Testing.Server;

return await ServeCommand.InvokeAsync(args).ConfigureAwait(false);
