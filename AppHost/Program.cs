using System.Collections;
using Fenghuo.AppHost;
using Fenghuo.AppHost.Orchestration;

AppHostOptions options;
try
{
    options = AppHostOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(AppHostOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}

if (RepositoryRoot.Find() is not { } root)
{
    Console.Error.WriteLine("Platform.sln not found above the current directory or the AppHost's own directory.");
    return 2;
}

var hostEnvironment = Environment.GetEnvironmentVariables()
    .Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");

using var shutdown = new ShutdownSignal();
var console = new ConsoleLog([.. Topology.All.Select(r => r.Name), BackingServices.PostgresName, BackingServices.RabbitMqName]);
var orchestrator = new Orchestrator(options, root, hostEnvironment, console);
return await orchestrator.RunAsync(shutdown.Token);
