using DanVan.Cli;

return await CliHost.RunAsync(args);
