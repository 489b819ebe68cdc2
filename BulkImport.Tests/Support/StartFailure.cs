namespace BulkImport.Tests.Support;

/// <summary>Why an app refused to start, as a test reads it.</summary>
public static class StartFailure
{
    /// <summary>
    /// Runs <paramref name="start"/>, which must fail, and returns everything that says why: the messages of the
    /// exceptions it threw (the host wraps a refusal in AggregateExceptions and inner exceptions) and the app's log in
    /// <paramref name="logs"/>. Both are needed: on a busy machine the exception reaching the test is sometimes
    /// WebApplicationFactory's own ObjectDisposedException (its disposal racing the failed start), and a refusal raised
    /// while the host is built is thrown, not logged.
    /// </summary>
    public static IReadOnlyList<string> Reasons(Action start, CapturingLoggerProvider logs)
    {
        var thrown = Record.Exception(start);
        thrown.Should().NotBeNull("the app must refuse to start");
        return [.. Causes(thrown!).Select(e => $"{e.GetType().FullName}: {e.Message}"), .. logs.Entries];
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }
            }
        }
    }
}
