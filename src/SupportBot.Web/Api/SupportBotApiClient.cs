using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using SupportBot.Contracts;

namespace SupportBot.Web.Api;

/// <summary>
/// The console's only way to the data: the API's HTTP endpoints, with the caller's own key (<see cref="ApiKeyForwardingHandler"/>),
/// so the API's role checks and audit (who changed what) apply to every page as they do to curl.
/// </summary>
public sealed class SupportBotApiClient(HttpClient http)
{
    /// <summary>Who a key belongs to; null when the API does not know it (or it was revoked).</summary>
    public async Task<CallerIdentity?> WhoAmIAsync(string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add(ApiKeyHeader.Name, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        return await ReadAsync<CallerIdentity>(response, cancellationToken);
    }

    public Task<Page<TicketSummary>> ListTicketsAsync(string? category, string status, int limit, CancellationToken cancellationToken) =>
        GetAsync<Page<TicketSummary>>(Query("/api/tickets", ("source", TicketSourceLive), ("status", status), ("category", category), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);

    public Task<TicketView> GetTicketAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<TicketView>($"/api/tickets/{id}", cancellationToken);

    public Task<DraftView> GetDraftAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<DraftView>($"/api/drafts/{id}", cancellationToken);

    public Task<TraceView> GetTraceAsync(string id, CancellationToken cancellationToken) =>
        GetAsync<TraceView>($"/api/traces/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<SignalAccepted> SendReplyAsync(Guid draftId, SentReplyRequest request, CancellationToken cancellationToken) =>
        PostAsync<SentReplyRequest, SignalAccepted>($"/api/drafts/{draftId}/sent", request, cancellationToken);

    public Task<SignalAccepted> GiveFeedbackAsync(Guid draftId, DraftFeedbackRequest request, CancellationToken cancellationToken) =>
        PostAsync<DraftFeedbackRequest, SignalAccepted>($"/api/drafts/{draftId}/feedback", request, cancellationToken);

    public Task<EditClassification> ClassifyEditAsync(ClassifyEditRequest request, CancellationToken cancellationToken) =>
        PostAsync<ClassifyEditRequest, EditClassification>("/api/edits/classify", request, cancellationToken);

    public Task<List<CategoryGateView>> ListGatesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<CategoryGateView>>("/api/gates", cancellationToken);

    public Task<CategoryGateView> GetGateAsync(string category, CancellationToken cancellationToken) =>
        GetAsync<CategoryGateView>($"/api/gates/{Uri.EscapeDataString(category)}", cancellationToken);

    public Task<CategoryPhaseView> ChangePhaseAsync(string category, ChangePhaseRequest request, CancellationToken cancellationToken) =>
        PostAsync<ChangePhaseRequest, CategoryPhaseView>($"/api/categories/{Uri.EscapeDataString(category)}/phase", request, cancellationToken);

    public Task<List<PhaseChangeView>> ListPhaseChangesAsync(string category, CancellationToken cancellationToken) =>
        GetAsync<List<PhaseChangeView>>($"/api/categories/{Uri.EscapeDataString(category)}/phase-changes", cancellationToken);

    public Task<CategoryPauseHistory> GetPauseAsync(string category, CancellationToken cancellationToken) =>
        GetAsync<CategoryPauseHistory>($"/api/categories/{Uri.EscapeDataString(category)}/pause", cancellationToken);

    public Task<CategoryPauseView> PauseAsync(string category, bool pause, string? reason, CancellationToken cancellationToken) =>
        PostAsync<CategoryPauseRequest, CategoryPauseView>(
            $"/api/categories/{Uri.EscapeDataString(category)}/{(pause ? "pause" : "resume")}", new CategoryPauseRequest(reason), cancellationToken);

    public Task<ReviewQueuePage> GetReviewQueueAsync(string? category, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<ReviewQueuePage>(Query("/api/review-queue", ("category", category), ("from", from?.ToString("O")), ("to", to?.ToString("O")),
            ("page", Invariant(page)), ("pageSize", Invariant(pageSize))), cancellationToken);

    public Task<ReviewDecision> AddReviewToDatasetAsync(string traceId, AddToDatasetRequest request, CancellationToken cancellationToken) =>
        PostAsync<AddToDatasetRequest, ReviewDecision>($"/api/review-queue/{Uri.EscapeDataString(traceId)}/add-to-dataset", request, cancellationToken);

    public Task<ReviewDecision> DismissReviewAsync(string traceId, DismissRequest request, CancellationToken cancellationToken) =>
        PostAsync<DismissRequest, ReviewDecision>($"/api/review-queue/{Uri.EscapeDataString(traceId)}/dismiss", request, cancellationToken);

    public Task<List<DatasetSummary>> ListDatasetsAsync(CancellationToken cancellationToken) =>
        GetAsync<List<DatasetSummary>>("/api/datasets", cancellationToken);

    public Task<FollowUpPage> ListFollowUpsAsync(string? status, string? category, int limit, CancellationToken cancellationToken) =>
        GetAsync<FollowUpPage>(Query("/api/follow-ups", ("status", status), ("category", category), ("limit", Invariant(limit))), cancellationToken);

    public Task<FollowUpView> TakeFollowUpAsync(Guid id, CancellationToken cancellationToken) =>
        PostAsync<object?, FollowUpView>($"/api/follow-ups/{id}/take", null, cancellationToken);

    public Task<FollowUpView> ResolveFollowUpAsync(Guid id, ResolveFollowUpRequest request, CancellationToken cancellationToken) =>
        PostAsync<ResolveFollowUpRequest, FollowUpView>($"/api/follow-ups/{id}/resolve", request, cancellationToken);

    public Task<List<ExperimentRunView>> ListExperimentsAsync(Guid? dataset, int limit, CancellationToken cancellationToken) =>
        GetAsync<List<ExperimentRunView>>(Query("/api/experiments", ("dataset", dataset?.ToString()), ("limit", Invariant(limit))), cancellationToken);

    public Task<ExperimentReport> GetExperimentAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<ExperimentReport>($"/api/experiments/{id}", cancellationToken);

    public Task<List<ExperimentItemView>> GetExperimentItemsAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<List<ExperimentItemView>>($"/api/experiments/{id}/items", cancellationToken);

    public Task<ExperimentComparison> CompareExperimentsAsync(string? a, string? b, CancellationToken cancellationToken) =>
        GetAsync<ExperimentComparison>(Query("/api/experiments/compare", ("a", a), ("b", b)), cancellationToken);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The inbox lists live tickets only: historical ones were answered long ago.</summary>
    private const string TicketSourceLive = "live";

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellationToken);
        return await ReadAsync<TResponse>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new InvalidOperationException($"The API answered {(int)response.StatusCode} without a body.");
    }

    private static async Task<ApiProblemException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        HttpValidationProblemDetails? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a ProblemDetails after all: the status code alone says enough.
            }
        }

        var errors = problem?.Errors.ToDictionary(e => NormalizeField(e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        return new ApiProblemException(response.StatusCode, problem?.Title ?? response.ReasonPhrase ?? "The API refused the request", problem?.Detail, errors);
    }

    /// <summary>"$.text" (a JSON binding error) and "Text" name the same field as "text".</summary>
    private static string NormalizeField(string key) => key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key;

    private static string Query(string path, params (string Name, string? Value)[] parameters) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path,
            parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
}
