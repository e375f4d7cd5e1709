namespace SupportBot.Hosting;

/// <summary>Names that tell the replicas of one service apart.</summary>
public static class ReplicaNames
{
    /// <summary>
    /// <c>{resource}-{replica index}</c> (api-0, evalworker-2) as an environment value: stable across restarts of a replica
    /// and across runs, unlike DCP's random instance suffix. DCP fills the template in from each replica's annotations.
    /// </summary>
    public static string Of(string resource) => resource + "-{{- index .Annotations \"resource-replica-index\" -}}";
}
