using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/SupportBot.Benchmarks -- --filter '*Import*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
