using Fleet.Simulator.Server;

return await ServeCommand.InvokeAsync(args).ConfigureAwait(false);
