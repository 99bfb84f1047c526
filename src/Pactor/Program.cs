using Pactor.Cli;

return await PactorCommandLine.RunAsync(args, new CliConsole(Console.Out, Console.Error));
