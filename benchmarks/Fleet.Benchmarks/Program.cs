using BenchmarkDotNet.Running;
using Fleet.Benchmarks;

// The out-of-process benchmarks start this program again as their server.
if (args.Length > 0 && args[0] == CannedServerProcess.Command) return await CannedServerProcess.ServeAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
