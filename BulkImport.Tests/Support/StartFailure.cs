namespace BulkImport.Tests.Support;

/// <summary>The exceptions of an app that refused to start: the host wraps a refusal (AggregateException, inner exceptions), so a test looks through all of them.</summary>
public static class StartFailure
{
    public static IEnumerable<Exception> Causes(Exception e)
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
