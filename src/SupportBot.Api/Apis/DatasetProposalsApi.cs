using SupportBot.Api.Auth;
using SupportBot.Contracts;
using SupportBot.Evaluation.Proposals;

namespace SupportBot.Api.Apis;

/// <summary>Datasets proposed from the ticket history (as `supportbot datasets propose|accept`); managers only.</summary>
public static class DatasetProposalsApi
{
    public static RouteGroupBuilder MapDatasetProposalEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/datasets/proposals").WithTags("Dataset proposals").RequireAuthorization(AuthorizationPolicies.Manager);
        api.MapPost("/", Propose)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Clusters resolved historical tickets per category by what their resolution did and stores the proposals as a new batch");
        api.MapPost("/accept", Accept)
            .WithSummary("Creates datasets from proposals: one per proposal, or one for all with asOneDataset; all = every open proposal of the latest batch");
        return api;
    }

    private static async Task<Results<Ok<DatasetProposalBatch>, ProblemHttpResult>> Propose(DatasetProposer proposer, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await proposer.ProposeAsync(cancellationToken));
        }
        catch (NoResolvedTicketsException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Nothing to propose from");
        }
    }

    private static async Task<Results<Ok<List<AcceptedDatasetView>>, ValidationProblem>> Accept(
        AcceptDatasetProposalsRequest request, ProposalAcceptor acceptor, CancellationToken cancellationToken)
    {
        var ids = request.Ids ?? [];
        if (request.All == (ids.Count > 0))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["ids"] = [request.All ? "Give either ids or all, not both." : "Give the ids of the proposals to accept, or all: true."],
            });
        }

        try
        {
            return TypedResults.Ok((await acceptor.AcceptAsync(ids, request.All, request.AsOneDataset, cancellationToken)).ToList());
        }
        catch (ProposalSelectionException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [ex.Message] });
        }
    }
}
