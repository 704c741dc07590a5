namespace Statecraft.Web;

/// <summary>
/// Charts of stored runs already drawn, by run id. A stored run never changes and rebuilding its charts
/// re-simulates it, so they are kept; at most <see cref="Capacity"/> of them (a compare's charts run
/// to megabytes), the oldest going first. Rebuilds take turns, one at a time, so opening many runs at
/// once cannot occupy more cores than one job.
/// </summary>
internal sealed class RunChartCache
{
    public const int Capacity = 32;

    private readonly Dictionary<long, string> charts = [];
    private readonly Queue<long> order = new();
    private readonly Lock gate = new();

    /// <summary>Held while a run is re-simulated.</summary>
    public SemaphoreSlim Rebuilding { get; } = new(1);

    public bool TryGet(long id, out string json)
    {
        lock (gate)
        {
            return charts.TryGetValue(id, out json!);
        }
    }

    public void Add(long id, string json)
    {
        lock (gate)
        {
            if (!charts.ContainsKey(id)) order.Enqueue(id);
            charts[id] = json;
            while (order.Count > Capacity) charts.Remove(order.Dequeue());
        }
    }
}
