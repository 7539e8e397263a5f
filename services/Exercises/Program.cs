using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Exercises.Apis;
using Fenghuo.Exercises.Extensions;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenancy();
app.MapExercisesApi();

await app.RunOrDeployTopologyAsync();
