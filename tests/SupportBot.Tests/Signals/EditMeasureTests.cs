using SupportBot.Data;
using SupportBot.Data.Entities;
using SupportBot.Signals;
using SupportBot.Signals.Edits;

namespace SupportBot.Tests.Signals;

/// <summary>Pure logic: edit distances, the embedded edit-type heuristic and score validation.</summary>
public sealed class EditMeasureTests
{
    private const string Draft = "Hi Anna,\n\nOpen Reports, choose Export and pick CSV. The link at https://help.example.com/export expires after 24 hours.\n\nBest, Sam";

    [Theory]
    [InlineData(Draft, "none")]
    [InlineData("Hi Anna,\n\n  Open Reports, choose Export and pick CSV.  The link at https://help.example.com/export expires after 24 hours.\n\nBest, Sam", "none")]
    [InlineData("Hello Anna!\n\nOpen reports, choose export and pick CSV. The link at https://help.example.com/export expires after 24 hours.\n\nKind regards, Sam", "tone")]
    [InlineData("Hi Anna,\n\nThanks for reaching out! Open Reports, choose Export and pick CSV. The link at https://help.example.com/export expires after 24 hours.\n\nBest, Sam", "tone")]
    [InlineData("Hi Anna,\n\nOpen Reports, choose Export and pick CSV. The link at https://help.example.com/export expires after 48 hours.\n\nBest, Sam", "corrected")]
    [InlineData("Hi Anna,\n\nOpen Reports, choose Export and pick CSV. The link at https://help.example.com/exports expires after 24 hours.\n\nBest, Sam", "corrected")]
    [InlineData("Hi Anna,\n\nOpen Settings, choose Export and pick CSV. The link at https://help.example.com/export expires after 24 hours.\n\nBest, Sam", "corrected")]
    [InlineData("Hi Anna,\n\nOpen Reports, choose Export and pick CSV. The link at https://help.example.com/export does not expire after 24 hours.\n\nBest, Sam", "corrected")]
    [InlineData("Hi Anna,\n\nOpen Reports, choose Export and pick CSV. The link at https://help.example.com/export expires after 24 hours. Admins can also schedule a weekly export.\n\nBest, Sam", "added")]
    public void The_heuristic_tells_tone_from_corrections_and_additions(string sent, string expected) =>
        Assert.Equal(expected, HeuristicEditClassifier.Classify(Draft, sent));

    [Fact]
    public void Word_distance_is_zero_for_the_same_words_one_for_nothing_kept_and_counts_a_replaced_word_once()
    {
        Assert.Equal(0, EditDistance.Words(Draft, Draft.Replace("\n\n", "\n", StringComparison.Ordinal)));
        Assert.Equal(1, EditDistance.Words("alpha beta gamma", "delta epsilon"));
        Assert.Equal(0.25, EditDistance.Words("open the reports page", "open the settings page"), 3);
        Assert.Equal(0, EditDistance.Words("", ""));
        Assert.Equal(1, EditDistance.Words("", "anything"));
    }

    [Fact]
    public void Character_distance_sees_small_changes_inside_words_and_stays_bounded_for_huge_replies()
    {
        Assert.Equal(0.1, EditDistance.Characters("abcdefghij", "abcdefghiX"), 3);
        Assert.InRange(EditDistance.Characters(Draft, Draft.Replace("Export", "Exports", StringComparison.Ordinal)), 0.001, 0.02);
        var huge = string.Join(' ', Enumerable.Range(0, 8_000).Select(i => $"word{i}"));
        Assert.InRange(EditDistance.Characters(Draft, huge), 0.9, 1);
    }

    [Fact]
    public void Scores_are_checked_against_their_definitions()
    {
        var definitions = SignalScoreDefinitions.All.ToDictionary(d => d.Name);
        Assert.Null(ScoreValidator.Validate(new(SignalScoreDefinitions.EditDistance, ScoreDataTypes.Numeric, 0.4, null, null), definitions["edit_distance"]));
        Assert.NotNull(ScoreValidator.Validate(new(SignalScoreDefinitions.EditDistance, ScoreDataTypes.Numeric, 1.5, null, null), definitions["edit_distance"]));
        Assert.NotNull(ScoreValidator.Validate(new(SignalScoreDefinitions.EditDistance, ScoreDataTypes.Categorical, null, "x", null), definitions["edit_distance"]));
        Assert.Null(ScoreValidator.Validate(new(SignalScoreDefinitions.EditType, ScoreDataTypes.Categorical, null, "tone", null), definitions["edit_type"]));
        Assert.NotNull(ScoreValidator.Validate(new(SignalScoreDefinitions.EditType, ScoreDataTypes.Categorical, null, "rewritten", null), definitions["edit_type"]));
        Assert.Null(ScoreValidator.Validate(new(SignalScoreDefinitions.Thumbs, ScoreDataTypes.Boolean, 1, "true", "ok"), definitions["thumbs"]));
        Assert.NotNull(ScoreValidator.Validate(new(SignalScoreDefinitions.Thumbs, ScoreDataTypes.Boolean, 0.5, "true", null), definitions["thumbs"]));
        Assert.NotNull(ScoreValidator.Validate(new("unknown_score", ScoreDataTypes.Numeric, 1, null, null), null));
    }

    [Fact]
    public void Malformed_stream_payloads_are_recognized()
    {
        Assert.Throws<MalformedSignalException>(() => SignalEvent.Parse("{not json"));
        Assert.Throws<MalformedSignalException>(() => SignalEvent.Parse(null));
        Assert.Throws<MalformedSignalException>(() => SignalEvent.Parse("""{"id":"a","type":"sent","draftId":"00000000-0000-0000-0000-000000000001","acceptedAt":"2026-01-01T00:00:00Z"}"""));
        Assert.Throws<MalformedSignalException>(() => SignalEvent.Parse("""{"id":"a","type":"feedback","thumb":"sideways","draftId":"00000000-0000-0000-0000-000000000001","acceptedAt":"2026-01-01T00:00:00Z"}"""));
        var ok = new SignalEvent("e1", "feedback", Guid.NewGuid(), DateTimeOffset.UtcNow, Thumb: "up");
        Assert.Equal(ok, SignalEvent.Parse(ok.ToJson()));
    }
}
