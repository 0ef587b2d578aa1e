namespace MockExams.Api.OpenApi;

/// <summary>
/// What the OpenAPI document says of one operation beyond what its handler's types show: a summary, a description,
/// the problem answers it can give (status codes, each as RFC 9457 problem details), and the success status of a
/// create, whose answer carries <c>Location</c>.
/// </summary>
public sealed record OperationDoc(string Summary, string Description, int[] Problems, int? SuccessStatus = null);
