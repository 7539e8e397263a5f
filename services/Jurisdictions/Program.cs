using Fenghuo.Jurisdictions;
using Fenghuo.Jurisdictions.Apis;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("jurisdictions");
builder.AddServiceMessaging("jurisdictions", bus => bus.AddJurisdictionsConsumers());
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapJurisdictionsApi();

app.Run();
