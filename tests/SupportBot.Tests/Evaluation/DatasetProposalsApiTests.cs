using System.Net;
using System.Net.Http.Json;
using SupportBot.Contracts;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Evaluation;

public sealed class DatasetProposalsApiTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agents_may_not_propose()
    {
        using var agent = stack.ApiClient(Roles.Agent);

        var response = await agent.PostAsync("/api/datasets/proposals", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_manager_proposes_and_accepts_one_proposal()
    {
        using var manager = stack.ApiClient(Roles.Manager);

        var proposed = await manager.PostAsync("/api/datasets/proposals", null, Ct);
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var batch = (await proposed.Content.ReadFromJsonAsync<DatasetProposalBatch>(Ct))!;
        Assert.Equal(batch.ResolvedTickets, batch.Proposals.Sum(p => p.Size));
        var smallest = batch.Proposals.MinBy(p => p.Size)!;

        var accepted = await manager.PostAsJsonAsync("/api/datasets/proposals/accept", new AcceptDatasetProposalsRequest([smallest.Id]), Ct);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var dataset = Assert.Single((await accepted.Content.ReadFromJsonAsync<List<AcceptedDatasetView>>(Ct))!);
        Assert.Equal(smallest.Size, dataset.ItemCount);
        Assert.Equal(1, dataset.Version);
    }

    [Fact]
    public async Task Accepting_an_unknown_id_is_a_400_naming_it()
    {
        using var manager = stack.ApiClient(Roles.Manager);
        var unknown = Guid.NewGuid();

        var response = await manager.PostAsJsonAsync("/api/datasets/proposals/accept", new AcceptDatasetProposalsRequest([unknown]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains(unknown.ToString(), problem.GetProperty("errors").GetProperty("ids")[0].GetString());
    }
}
