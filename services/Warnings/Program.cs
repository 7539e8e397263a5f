using Fenghuo.Warnings.Apis;
using Fenghuo.Warnings.Extensions;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWarningsApi();

app.Run();

/// <summary>Visible to the service's tests.</summary>
public partial class Program;
