using Microsoft.Data.Sqlite;
using Statecraft.Store;

namespace Statecraft.Tests.Store;

/// <summary>The run store on its own: what it keeps, in what states, and what it refuses.</summary>
public sealed class RunStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"statecraft-store-{Guid.NewGuid():N}");

    private string File(string name = "runs.db") => Path.Combine(folder, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static RunStart Start(string command = "compare", int runs = 4000, params string[] names) => new(
        command,
        $"{command} {string.Join(' ', names)} --runs {runs}",
        "0.1.0+test",
        ulong.MaxValue - 7,
        runs,
        ["hanoi_ratio=0.3", "reask_quarters=2"],
        [.. names.Select((n, i) => new StoredScenario(n, $"scenarios/{n}.yaml", new string((char)('a' + i), 64), $"name: {n}\n# text {i}\n"))])
    {
        Worlds = [StoredWorld.Of("china-lax", "worlds/china-lax.yaml", "format: statecraft-world/1\nname: China lax\n"), StoredWorld.Of("mine", "/home/analyst/mine.yaml", "format: statecraft-world/1\nname: Mine\n")],
    };

    [Fact]
    public void A_run_is_kept_as_started_then_complete_with_everything_it_was_given()
    {
        using var store = RunStore.Open(File());
        var start = Start("compare", 4000, "relief-only", "delury-engagement");
        var id = store.Begin(start);
        var running = store.Find(id)!;
        Assert.Equal(RunStatus.Running, running.Status);
        Assert.Null(running.ResultJson);
        Assert.Null(running.Finished);

        store.Complete(id, "{\"strategies\": []}\n", "summary text\n", folder);
        var done = store.Find(id)!;
        Assert.Equal(RunStatus.Complete, done.Status);
        Assert.Equal("{\"strategies\": []}\n", done.ResultJson);
        Assert.Equal("summary text\n", done.SummaryText);
        Assert.Equal(folder, done.OutputFolder);
        Assert.Equal(start.Seed, done.Seed);
        Assert.Equal(start.Runs, done.Runs);
        Assert.Equal(start.Set, done.Set);
        Assert.Equal(start.Arguments, done.Arguments);
        Assert.Equal(start.ToolVersion, done.ToolVersion);
        Assert.Equal(start.Scenarios, done.Scenarios);
        Assert.Equal(start.Worlds, done.Worlds);
        Assert.Equal(WorldRecord.Recorded, done.World);
        Assert.True(done.Finished >= done.Started);
        Assert.Throws<RunStoreException>(() => store.Complete(id, "{}", "again", null));
    }

    [Fact]
    public void Listings_are_newest_first_and_leave_out_the_texts()
    {
        using var store = RunStore.Open(File());
        var first = store.Begin(Start("simulate", 100, "relief-only"));
        var second = store.Begin(Start("compare", 200, "relief-only", "kaesong-quick-hit"));
        store.Complete(first, "{}", "one", null);
        var list = store.List();
        Assert.Equal([second, first], list.Select(r => r.Id));
        Assert.All(list, r => Assert.Null(r.ResultJson));
        Assert.All(list.SelectMany(r => r.Scenarios), s => Assert.Equal("", s.Text));
        Assert.All(list.SelectMany(r => r.Worlds), w => Assert.Equal("", w.Text));
        Assert.Equal(["relief-only", "kaesong-quick-hit"], list[0].Scenarios.Select(s => s.Name));
        Assert.Equal(["china-lax", "mine"], list[0].Worlds.Select(w => w.Name));
        Assert.Equal(StoredScenario.Sha256Of("format: statecraft-world/1\nname: China lax\n"), list[0].Worlds[0].Sha256);
    }

    [Fact]
    public void An_embedded_world_run_says_so_and_a_run_without_a_world_is_not_stored()
    {
        using var store = RunStore.Open(File());
        var id = store.Begin(Start("compare", 100, "relief-only", "kaesong-quick-hit") with { Worlds = [], EmbeddedWorld = true });
        var run = store.Find(id)!;
        Assert.Equal(WorldRecord.Embedded, run.World);
        Assert.Empty(run.Worlds);
        Assert.Equal(WorldRecord.Embedded, store.List().Single().World);

        // Either would leave a record that does not say what was played.
        Assert.Throws<ArgumentException>(() => store.Begin(Start("simulate", 100, "relief-only") with { Worlds = [] }));
        Assert.Throws<ArgumentException>(() => store.Begin(Start("simulate", 100, "relief-only") with { EmbeddedWorld = true }));
        Assert.Single(store.List());
    }

    [Fact]
    public void The_store_survives_reopening_and_keeps_counting()
    {
        long id;
        using (var store = RunStore.Open(File()))
        {
            id = store.Begin(Start("simulate", 100, "relief-only"));
            store.Complete(id, "{}", "kept", null);
        }

        using var again = RunStore.Open(File());
        Assert.Equal("kept", again.Find(id)!.SummaryText);
        Assert.True(again.Begin(Start("simulate", 100, "relief-only")) > id);
        Assert.Equal("ok", again.IntegrityCheck());
    }

    [Fact]
    public void Deleting_takes_all_the_given_runs_or_none()
    {
        using var store = RunStore.Open(File());
        var a = store.Begin(Start("simulate", 100, "relief-only"));
        var b = store.Begin(Start("simulate", 100, "relief-only"));
        var c = store.Begin(Start("simulate", 100, "relief-only"));
        Assert.Equal([99L], store.Delete([a, 99]));
        Assert.Equal(3, store.List().Count);
        Assert.Empty(store.Delete([a, c]));
        Assert.Equal([b], store.List().Select(r => r.Id));
        Assert.Null(store.Find(a));
    }

    [Fact]
    public void Writers_on_several_threads_at_once_lose_nothing()
    {
        RunStore.Open(File()).Dispose();
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using var store = RunStore.Open(File());
            for (var k = 0; k < 15; k++)
            {
                var id = store.Begin(Start("simulate", k + 1, "relief-only"));
                store.Complete(id, $"{{\"k\": {k}}}", $"run {k}", null);
                ids.Add(id);
            }
        });

        using var check = RunStore.Open(File());
        Assert.Equal(60, ids.Distinct().Count());
        var all = check.List();
        Assert.Equal(60, all.Count);
        Assert.All(all, r => Assert.Equal(RunStatus.Complete, r.Status));
        Assert.Equal("ok", check.IntegrityCheck());
    }

    [Fact]
    public void Files_that_are_not_a_store_of_this_version_are_refused_with_their_name()
    {
        Directory.CreateDirectory(folder);
        var text = File("notes.txt");
        System.IO.File.WriteAllText(text, "these are someone's notes, not a database\n" + new string('x', 200));
        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Contains("not an SQLite database", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("these are someone's notes", System.IO.File.ReadAllText(text), StringComparison.Ordinal);

        var other = File("other.db");
        using (var c = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            c.Open();
            using var create = c.CreateCommand();
            create.CommandText = "CREATE TABLE invoices (id INTEGER);";
            create.ExecuteNonQuery();
        }

        e = Assert.Throws<RunStoreException>(() => RunStore.Open(other));
        Assert.Contains("not a Statecraft run store", e.Message, StringComparison.Ordinal);

        var newer = File("newer.db");
        RunStore.Open(newer).Dispose();
        using (var c = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            c.Open();
            using var bump = c.CreateCommand();
            bump.CommandText = $"UPDATE statecraft_meta SET value = '{RunStore.SchemaVersion + 1}' WHERE key = 'schema_version';";
            bump.ExecuteNonQuery();
        }

        e = Assert.Throws<RunStoreException>(() => RunStore.Open(newer));
        Assert.Contains("newer Statecraft", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<RunStoreException>(() => RunStore.Open(folder));
        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_of_schema_1_is_upgraded_in_place_keeping_its_runs()
    {
        Directory.CreateDirectory(folder);
        var path = File("v1.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var create = c.CreateCommand();
            // The first schema as this project shipped it: no charts column.
            create.CommandText = """
                CREATE TABLE statecraft_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO statecraft_meta VALUES ('schema_version', '1');
                CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_utc TEXT NOT NULL, finished_utc TEXT,
                    complete INTEGER NOT NULL DEFAULT 0, command TEXT NOT NULL, arguments TEXT NOT NULL, tool_version TEXT NOT NULL,
                    seed TEXT NOT NULL, runs INTEGER NOT NULL, sets TEXT NOT NULL, output_folder TEXT, result_json TEXT,
                    summary_text TEXT, host TEXT NOT NULL, process_id INTEGER NOT NULL);
                CREATE TABLE run_scenarios (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, position INTEGER NOT NULL,
                    name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (run_id, position));
                INSERT INTO runs (started_utc, finished_utc, complete, command, arguments, tool_version, seed, runs, sets, result_json, summary_text, host, process_id)
                    VALUES ('2026-11-30T10:00:00.0000000+00:00', '2026-11-30T10:01:00.0000000+00:00', 1, 'simulate', 'simulate relief-only', '0.1.0', '7', 100, '', '{}', 'old', 'elsewhere', 1);
                """;
            create.ExecuteNonQuery();
        }

        using var store = RunStore.Open(path);
        var old = store.Find(1)!;
        Assert.Equal("old", old.SummaryText);
        Assert.Null(old.ChartsJson);
        Assert.Equal(WorldRecord.NotRecorded, old.World);
        var id = store.Begin(Start("simulate", 100, "relief-only"));
        store.Complete(id, "{}", "new", null, "[{\"id\": \"gdp-fan\"}]");
        Assert.Equal("[{\"id\": \"gdp-fan\"}]", store.Find(id)!.ChartsJson);
        Assert.Null(store.List().Single(r => r.Id == id).ChartsJson);
        Assert.Equal(["china-lax", "mine"], store.Find(id)!.Worlds.Select(w => w.Name));
        Assert.Equal(RunStore.SchemaVersion, SchemaOf(path));
        Assert.Equal("ok", store.IntegrityCheck());
    }

    [Fact]
    public void A_store_of_schema_2_is_upgraded_in_place_its_runs_reading_as_played_in_an_unrecorded_world()
    {
        Directory.CreateDirectory(folder);
        var path = File("v2.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var create = c.CreateCommand();
            // The second schema as this project shipped it: charts, but no worlds.
            create.CommandText = """
                CREATE TABLE statecraft_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO statecraft_meta VALUES ('schema_version', '2');
                CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_utc TEXT NOT NULL, finished_utc TEXT,
                    complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)), command TEXT NOT NULL, arguments TEXT NOT NULL, tool_version TEXT NOT NULL,
                    seed TEXT NOT NULL, runs INTEGER NOT NULL, sets TEXT NOT NULL, output_folder TEXT, result_json TEXT,
                    summary_text TEXT, charts_json TEXT, host TEXT NOT NULL, process_id INTEGER NOT NULL,
                    CHECK (complete = 0 OR (result_json IS NOT NULL AND finished_utc IS NOT NULL)));
                CREATE TABLE run_scenarios (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, position INTEGER NOT NULL,
                    name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (run_id, position));
                INSERT INTO runs (started_utc, finished_utc, complete, command, arguments, tool_version, seed, runs, sets, result_json, summary_text, charts_json, host, process_id)
                    VALUES ('2026-12-01T10:00:00.0000000+00:00', '2026-12-01T10:01:00.0000000+00:00', 1, 'compare', 'compare a b', '0.1.0', '7', 100, '', '{}', 'old', '[]', 'elsewhere', 1);
                INSERT INTO run_scenarios VALUES (1, 1, 'a', 'a.yaml', 'aa', 'name: a\n'), (1, 2, 'b', 'b.yaml', 'bb', 'name: b\n');
                """;
            create.ExecuteNonQuery();
        }

        using var store = RunStore.Open(path);
        var old = store.Find(1)!;
        Assert.Equal(["a", "b"], old.Scenarios.Select(s => s.Name));
        Assert.Equal("[]", old.ChartsJson);
        Assert.Equal(WorldRecord.NotRecorded, old.World);
        Assert.Empty(old.Worlds);
        var embedded = store.Begin(Start("compare", 100, "a", "b") with { Worlds = [], EmbeddedWorld = true });
        Assert.Equal(WorldRecord.Embedded, store.Find(embedded)!.World);
        Assert.Equal(RunStore.SchemaVersion, SchemaOf(path));
        Assert.Equal("ok", store.IntegrityCheck());

        // Deleting a run takes its worlds with it, as its scenarios.
        var recorded = store.Begin(Start("simulate", 100, "a"));
        Assert.Empty(store.Delete([recorded]));
        using var count = new SqliteConnection($"Data Source={path};Pooling=False");
        count.Open();
        using var worlds = count.CreateCommand();
        worlds.CommandText = "SELECT count(*) FROM run_worlds;";
        Assert.Equal(0L, (long)worlds.ExecuteScalar()!);
    }

    private static int SchemaOf(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var read = c.CreateCommand();
        read.CommandText = "SELECT value FROM statecraft_meta WHERE key = 'schema_version';";
        return int.Parse((string)read.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void The_default_store_follows_the_environment_variable()
    {
        // The test assembly sets it (TestStore) so that tests never write into the user's own store.
        Assert.Equal(TestStore.Path, RunStore.DefaultPath);
    }
}
