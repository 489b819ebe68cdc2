namespace BulkImport.Tests.Support;

/// <summary>Waits for a condition the app reaches in the background, with a timeout instead of a fixed sleep.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeoutSeconds} s: {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The same for a condition that asks the app (an HTTP call), checked every 100 ms so it does not flood it.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeoutSeconds} s: {what}.");
            }

            await Task.Delay(100);
        }
    }
}
