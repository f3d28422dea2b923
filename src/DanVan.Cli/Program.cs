using System.CommandLine;
using DanVan.Cli;
using DanVan.Cli.Commands;

var root = new RootCommand("DanVan: reporting on công tác dân vận chính quyền. Settings come from the environment: Database__Provider (Sqlite|Postgres), ConnectionStrings__DanVan (default SQLite at ./data/danvan.db).");
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(UserCommand.Create());
root.Subcommands.Add(UnitsCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(PeriodCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(ConsolidateCommand.Create());
root.Subcommands.Add(FiguresCommand.Create());
return await CliHost.RunAsync(root, args);
