using MockExams.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.AddMockExamsSilo();
await builder.Build().RunAsync();
