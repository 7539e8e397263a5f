using Fenghuo.Portal.Extensions;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UsePortal();
app.MapPortal();

app.Run();
