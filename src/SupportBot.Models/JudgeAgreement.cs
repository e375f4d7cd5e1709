namespace SupportBot.Models;

/// <summary>
/// Cohen's κ between an LLM judge and people on the same items: κ = (p_o − p_e) / (1 − p_e), where p_o is the share
/// of items both call acceptable or both call not acceptable, and p_e the agreement expected by chance from each
/// side's own acceptance rate. The judge's 0..1 correctness counts as "acceptable" from <see cref="AcceptableFrom"/>
/// (3 of 5 on its scale). κ is undefined when chance agreement is total (both sides give one answer only): null.
/// </summary>
public static class JudgeAgreement
{
    public const double AcceptableFrom = 0.5;

    public static (double? Kappa, int N) Kappa(IReadOnlyList<(double Judge, bool Human)> labels)
    {
        var n = labels.Count;
        if (n == 0)
        {
            return (null, 0);
        }

        var judgeYes = labels.Count(l => l.Judge >= AcceptableFrom) / (double)n;
        var humanYes = labels.Count(l => l.Human) / (double)n;
        var observed = labels.Count(l => (l.Judge >= AcceptableFrom) == l.Human) / (double)n;
        var chance = (judgeYes * humanYes) + ((1 - judgeYes) * (1 - humanYes));
        return chance >= 1 ? (null, n) : ((observed - chance) / (1 - chance), n);
    }
}
