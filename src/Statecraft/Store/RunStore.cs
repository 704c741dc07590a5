using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Statecraft.Store;

/// <summary>A scenario as a run read it: the name it was given on the command line, the path it was read from, and its text with its SHA-256.</summary>
public sealed record StoredScenario(string Name, string Path, string Sha256, string Text)
{
    /// <summary>A scenario read from <paramref name="path"/> with this text, its hash computed.</summary>
    public static StoredScenario Of(string name, string path, string text) => new(name, path, Sha256Of(text), text);

    /// <summary>The SHA-256 of a scenario's text (UTF-8), lower-case hex: how stored runs and shards name the exact text they ran.</summary>
    public static string Sha256Of(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// A world file as a run read it (docs/scenario-format.md, "Worlds"): the id it is known by (a shipped world's name, or its
/// file's name), the path it was read from (<c>worlds/NAME.yaml</c> for a shipped one) and its text with its SHA-256.
/// </summary>
public sealed record StoredWorld(string Name, string Path, string Sha256, string Text)
{
    /// <summary>A world read from <paramref name="path"/> with this text, its hash computed as a scenario's is.</summary>
    public static StoredWorld Of(string name, string path, string text) => new(name, path, StoredScenario.Sha256Of(text), text);
}

/// <summary>What a stored run says about the world its roadmaps were played in.</summary>
public enum WorldRecord
{
    /// <summary>The world files are stored with the run (<see cref="StoredRun.Worlds"/>), the first the main one.</summary>
    Recorded,

    /// <summary>Each scenario file was played under the beliefs written into it (<c>--world embedded</c>); no world file.</summary>
    Embedded,

    /// <summary>Stored by a version before the store kept worlds (schema 1 and 2): before worlds were separated, each file's own beliefs.</summary>
    NotRecorded,
}

/// <summary>What is known of a run when it starts.</summary>
/// <param name="Command">The command that ran it (<c>run</c>, <c>simulate</c>, <c>compare</c>, <c>merge</c>).</param>
/// <param name="Arguments">The command line after the tool's name, for the record and to repeat the run.</param>
/// <param name="ToolVersion">The tool's version (with its commit when known).</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Runs">Trajectories per strategy.</param>
/// <param name="Set">The <c>--set NAME=VALUE</c> changes, in the order given.</param>
/// <param name="Scenarios">The scenarios, the reference first.</param>
public sealed record RunStart(string Command, string Arguments, string ToolVersion, ulong Seed, int Runs, IReadOnlyList<string> Set, IReadOnlyList<StoredScenario> Scenarios)
{
    /// <summary>The worlds every scenario was played in, the main one first; empty only with <see cref="EmbeddedWorld"/>.</summary>
    public IReadOnlyList<StoredWorld> Worlds { get; init; } = [];

    /// <summary>Each scenario was played under its own file's beliefs (<c>--world embedded</c>), so no world file is stored.</summary>
    public bool EmbeddedWorld { get; init; }
}

/// <summary>Where a stored run stands.</summary>
public enum RunStatus
{
    /// <summary>Started and still going: its process is alive.</summary>
    Running,

    /// <summary>Finished: its results are stored.</summary>
    Complete,

    /// <summary>Started but its process is gone without storing results (killed, crashed, or the machine stopped).</summary>
    Interrupted,
}

/// <summary>
/// A run as the store holds it. <see cref="ResultJson"/>, <see cref="SummaryText"/> and <see cref="ChartsJson"/> are null until it
/// completes, and in listings; <see cref="ChartsJson"/> (the report's charts with their per-quarter data) is also null for runs
/// stored by a version before the store kept charts (schema 1), and <see cref="World"/> is <see cref="WorldRecord.NotRecorded"/>
/// for runs stored before it kept worlds (schemas 1 and 2).
/// </summary>
public sealed record StoredRun(
    long Id,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    RunStatus Status,
    string Command,
    string Arguments,
    string ToolVersion,
    ulong Seed,
    int Runs,
    IReadOnlyList<string> Set,
    IReadOnlyList<StoredScenario> Scenarios,
    string? OutputFolder,
    string? ResultJson,
    string? SummaryText,
    string Host,
    int ProcessId,
    string? ChartsJson = null)
{
    /// <summary>The worlds the run was played in, the main one first (texts only from <see cref="RunStore.Find"/>); empty unless <see cref="World"/> is <see cref="WorldRecord.Recorded"/>.</summary>
    public IReadOnlyList<StoredWorld> Worlds { get; init; } = [];

    /// <summary>What the store knows of the world the run was played in.</summary>
    public WorldRecord World { get; init; } = WorldRecord.NotRecorded;
}

/// <summary>The store cannot be used: not a Statecraft store, from a newer version, unreadable or unwritable. The message says which and where.</summary>
public sealed class RunStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The run store: every simulation the tool runs, kept in one SQLite database so that runs can be listed,
/// compared later, exported and shared (docs/runs.md). A run is written twice, each time in one transaction:
/// when it starts, as running, with its scenarios' and worlds' texts and hashes, seed, runs and tool version; and when it
/// finishes, with its summary, its JSON result (outcomes and per-quarter paths) and its output folder, and
/// only then marked complete. A process killed between the two leaves a run that lists as interrupted, never
/// one that looks complete; SQLite's write-ahead log makes each transaction all or nothing, so a kill at any
/// moment leaves earlier runs as they were. Several processes may write at once (each waits for the others'
/// transactions, up to <see cref="BusyTimeoutMs"/>).
/// </summary>
public sealed class RunStore : IDisposable
{
    /// <summary>The schema this version reads and writes; a store with a higher one was written by a newer tool.</summary>
    public const int SchemaVersion = 3;

    /// <summary>How long a write waits for another process's transaction before giving up.</summary>
    public const int BusyTimeoutMs = 10_000;

    /// <summary>Environment variable that moves the default store.</summary>
    public const string LocationVariable = "STATECRAFT_STORE";

    private readonly SqliteConnection connection;

    private RunStore(string path, SqliteConnection connection)
    {
        Path = path;
        this.connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// The store used when none is named: <c>$STATECRAFT_STORE</c> when set, else <c>statecraft/runs.db</c> in the
    /// user's local application data (<c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows,
    /// <c>~/Library/Application Support</c> on macOS).
    /// </summary>
    public static string DefaultPath
    {
        get
        {
            var set = Environment.GetEnvironmentVariable(LocationVariable);
            if (!string.IsNullOrWhiteSpace(set)) return set;
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(data)) data = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return System.IO.Path.Combine(data, "statecraft", "runs.db");
        }
    }

    /// <summary>Opens the store at <paramref name="path"/>, creating it (and its folder) if it does not exist.</summary>
    /// <exception cref="RunStoreException">The file is not a Statecraft store, is from a newer version, or cannot be read or written.</exception>
    public static RunStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new RunStoreException($"the run store {full} is a folder; name a file (for example {System.IO.Path.Combine(full, "runs.db")})");
        SqliteConnection? connection = null;
        try
        {
            var folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs};");
            // WAL: readers never block the writer, and a transaction is durable or absent after any crash.
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL;");
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
                throw new RunStoreException($"the run store {full} cannot use a write-ahead log (journal mode {mode}); put it on a local disk");
            Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            var store = new RunStore(full, connection);
            store.Migrate();
            return store;
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            var why = e.SqliteErrorCode switch
            {
                26 => "is not an SQLite database (is it another file?)",
                14 => "cannot be opened (check the folder exists and can be written)",
                8 => "is read-only",
                _ => $"cannot be used: {e.Message}",
            };
            throw new RunStoreException($"the run store {full} {why}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            throw new RunStoreException($"the run store {full} cannot be created: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    private void Migrate()
    {
        using var transaction = connection.BeginTransaction();
        var tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table';", transaction), CultureInfo.InvariantCulture);
        if (tables > 0)
        {
            var hasMeta = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'statecraft_meta';", transaction), CultureInfo.InvariantCulture) == 1;
            if (!hasMeta) throw new RunStoreException($"{Path} is an SQLite database but not a Statecraft run store; name another file");
            var version = Convert.ToInt32(Scalar(connection, "SELECT value FROM statecraft_meta WHERE key = 'schema_version';", transaction), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
                throw new RunStoreException($"the run store {Path} was written by a newer Statecraft (schema {version}; this version reads {SchemaVersion}); upgrade the tool or name another store");
            if (version < 2)
            {
                // Schema 2 keeps the report's charts (per-quarter fan data included) with each run; older runs have none.
                Execute(connection, "ALTER TABLE runs ADD COLUMN charts_json TEXT;", transaction);
            }

            if (version < 3)
            {
                // Schema 3 keeps the worlds a run was played in; older runs have none and read as not recorded.
                Execute(connection, "ALTER TABLE runs ADD COLUMN embedded_world INTEGER NOT NULL DEFAULT 0 CHECK (embedded_world IN (0, 1));", transaction);
                Execute(connection, WorldsTable, transaction);
            }

            if (version < SchemaVersion)
                Execute(connection, $"UPDATE statecraft_meta SET value = '{SchemaVersion}' WHERE key = 'schema_version';", transaction);

            transaction.Commit();
            return;
        }

        Execute(connection, """
            CREATE TABLE statecraft_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_utc TEXT NOT NULL,
                finished_utc TEXT,
                complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
                command TEXT NOT NULL,
                arguments TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                seed TEXT NOT NULL,
                runs INTEGER NOT NULL,
                sets TEXT NOT NULL,
                output_folder TEXT,
                result_json TEXT,
                summary_text TEXT,
                charts_json TEXT,
                host TEXT NOT NULL,
                process_id INTEGER NOT NULL,
                embedded_world INTEGER NOT NULL DEFAULT 0 CHECK (embedded_world IN (0, 1)),
                CHECK (complete = 0 OR (result_json IS NOT NULL AND finished_utc IS NOT NULL))
            );
            CREATE TABLE run_scenarios (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                text TEXT NOT NULL,
                PRIMARY KEY (run_id, position)
            );
            """, transaction);
        Execute(connection, WorldsTable, transaction);
        Execute(connection, $"INSERT INTO statecraft_meta (key, value) VALUES ('schema_version', '{SchemaVersion}');", transaction);
        transaction.Commit();
    }

    /// <summary>The worlds of each run (schema 3): every world file it was played in, in the order given, the main one first.</summary>
    private const string WorldsTable = """
        CREATE TABLE run_worlds (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        );
        """;

    /// <summary>Records a run as started (one transaction); returns its id.</summary>
    /// <exception cref="ArgumentException">A run given no world that is not an embedded-world run, or given both: the record would not say what was played.</exception>
    public long Begin(RunStart start)
    {
        if (start.EmbeddedWorld == start.Worlds.Count > 0)
            throw new ArgumentException(start.EmbeddedWorld ? "an embedded-world run has no world file to store" : "a run is played in at least one world; store it (or say the world is embedded)", nameof(start));
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO runs (started_utc, command, arguments, tool_version, seed, runs, sets, host, process_id, embedded_world)
            VALUES ($started, $command, $arguments, $version, $seed, $runs, $sets, $host, $pid, $embedded)
            RETURNING id;
            """;
        insert.Parameters.AddWithValue("$started", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$command", start.Command);
        insert.Parameters.AddWithValue("$arguments", start.Arguments);
        insert.Parameters.AddWithValue("$version", start.ToolVersion);
        insert.Parameters.AddWithValue("$seed", start.Seed.ToString(CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$runs", start.Runs);
        insert.Parameters.AddWithValue("$sets", string.Join('\n', start.Set));
        insert.Parameters.AddWithValue("$host", Environment.MachineName);
        insert.Parameters.AddWithValue("$pid", Environment.ProcessId);
        insert.Parameters.AddWithValue("$embedded", start.EmbeddedWorld ? 1 : 0);
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        InsertFiles(connection, transaction, "run_scenarios", id, [.. start.Scenarios.Select(x => (x.Name, x.Path, x.Sha256, x.Text))]);
        InsertFiles(connection, transaction, "run_worlds", id, [.. start.Worlds.Select(x => (x.Name, x.Path, x.Sha256, x.Text))]);

        transaction.Commit();
        return id;
    }

    /// <summary>Stores a started run's results (and the report's charts, <see cref="Reports.HtmlReport.ChartsJson"/>) and marks it complete, in one transaction.</summary>
    /// <exception cref="RunStoreException">No such run, or it is already complete.</exception>
    public void Complete(long id, string resultJson, string summaryText, string? outputFolder, string? chartsJson = null)
    {
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE runs SET finished_utc = $finished, result_json = $json, summary_text = $text, output_folder = $folder, charts_json = $charts, complete = 1
            WHERE id = $id AND complete = 0;
            """;
        update.Parameters.AddWithValue("$finished", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$json", resultJson);
        update.Parameters.AddWithValue("$text", summaryText);
        update.Parameters.AddWithValue("$folder", (object?)outputFolder ?? DBNull.Value);
        update.Parameters.AddWithValue("$charts", (object?)chartsJson ?? DBNull.Value);
        update.Parameters.AddWithValue("$id", id);
        if (update.ExecuteNonQuery() != 1) throw new RunStoreException($"run {id} is not a started run of {Path}");
        transaction.Commit();
    }

    /// <summary>A table of runs' files (run_scenarios or run_worlds) by run, in order; their texts only when <paramref name="full"/>.</summary>
    private Dictionary<long, List<T>> ReadFiles<T>(string table, long? id, bool full, Func<string, string, string, string, T> file)
    {
        var files = new Dictionary<long, List<T>>();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT run_id, name, path, sha256, {(full ? "text" : "''")} FROM {table} {(id is null ? "" : "WHERE run_id = $id")} ORDER BY run_id, position;";
        if (id is not null) select.Parameters.AddWithValue("$id", id);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var run = reader.GetInt64(0);
            if (!files.TryGetValue(run, out var list)) files[run] = list = [];
            list.Add(file(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return files;
    }

    /// <summary>A run's files (its scenarios, or its worlds) into their table, in order, with their hashes and texts.</summary>
    private static void InsertFiles(SqliteConnection connection, SqliteTransaction transaction, string table, long id, IReadOnlyList<(string Name, string Path, string Sha256, string Text)> files)
    {
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} (run_id, position, name, path, sha256, text) VALUES ($id, $position, $name, $path, $sha, $text);";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$position", i + 1);
            insert.Parameters.AddWithValue("$name", f.Name);
            insert.Parameters.AddWithValue("$path", f.Path);
            insert.Parameters.AddWithValue("$sha", f.Sha256);
            insert.Parameters.AddWithValue("$text", f.Text);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Every run, newest first, without results or scenario texts.</summary>
    public IReadOnlyList<StoredRun> List() => Read(null, full: false);

    /// <summary>One run with its results and scenario texts, or null.</summary>
    public StoredRun? Find(long id) => Read(id, full: true).SingleOrDefault();

    /// <summary>Deletes the runs with these ids, all or none (one transaction); returns the ids that did not exist (and then deletes nothing).</summary>
    public IReadOnlyList<long> Delete(IReadOnlyCollection<long> ids)
    {
        using var transaction = connection.BeginTransaction();
        var missing = new List<long>();
        foreach (var id in ids)
        {
            using var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = "SELECT 1 FROM runs WHERE id = $id;";
            exists.Parameters.AddWithValue("$id", id);
            if (exists.ExecuteScalar() is null) missing.Add(id);
        }

        if (missing.Count > 0) return missing;
        foreach (var id in ids)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM runs WHERE id = $id;";
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
        }

        transaction.Commit();
        return missing;
    }

    /// <summary>SQLite's own check of the database file: "ok" when it is sound.</summary>
    public string IntegrityCheck() => Scalar(connection, "PRAGMA integrity_check;") as string ?? "no answer";

    public void Dispose() => connection.Dispose();

    private List<StoredRun> Read(long? id, bool full)
    {
        var scenarios = ReadFiles("run_scenarios", id, full, (name, path, sha, text) => new StoredScenario(name, path, sha, text));
        var worlds = ReadFiles("run_worlds", id, full, (name, path, sha, text) => new StoredWorld(name, path, sha, text));

        var runs = new List<StoredRun>();
        using var r = connection.CreateCommand();
        r.CommandText = $"""
            SELECT id, started_utc, finished_utc, complete, command, arguments, tool_version, seed, runs, sets, output_folder,
                   {(full ? "result_json, summary_text" : "NULL, NULL")}, host, process_id, {(full ? "charts_json" : "NULL")}, embedded_world
            FROM runs {(id is null ? "" : "WHERE id = $id")} ORDER BY id DESC;
            """;
        if (id is not null) r.Parameters.AddWithValue("$id", id);
        using var row = r.ExecuteReader();
        while (row.Read())
        {
            var runId = row.GetInt64(0);
            var complete = row.GetInt64(3) == 1;
            var host = row.GetString(13);
            var pid = row.GetInt32(14);
            var started = DateTimeOffset.Parse(row.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var status = complete ? RunStatus.Complete : Alive(host, pid, started) ? RunStatus.Running : RunStatus.Interrupted;
            var played = worlds.TryGetValue(runId, out var kept) ? kept : [];
            // A run of schema 3 or later has a world or is an embedded-world run; one stored before has neither.
            var world = row.GetInt64(16) == 1 ? WorldRecord.Embedded : played.Count > 0 ? WorldRecord.Recorded : WorldRecord.NotRecorded;
            runs.Add(new StoredRun(
                runId,
                started,
                row.IsDBNull(2) ? null : DateTimeOffset.Parse(row.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                status,
                row.GetString(4),
                row.GetString(5),
                row.GetString(6),
                ulong.Parse(row.GetString(7), CultureInfo.InvariantCulture),
                row.GetInt32(8),
                row.GetString(9).Length == 0 ? [] : row.GetString(9).Split('\n'),
                scenarios.TryGetValue(runId, out var list) ? list : [],
                row.IsDBNull(10) ? null : row.GetString(10),
                row.IsDBNull(11) ? null : row.GetString(11),
                row.IsDBNull(12) ? null : row.GetString(12),
                host,
                pid,
                row.IsDBNull(15) ? null : row.GetString(15)) { Worlds = played, World = world });
        }

        return runs;
    }

    /// <summary>Whether the process that started a run may still be running it: on this machine, a process with its id started no later than the run.</summary>
    private static bool Alive(string host, int pid, DateTimeOffset started)
    {
        if (!string.Equals(host, Environment.MachineName, StringComparison.Ordinal)) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            // A process id reused by a later process is not the run's.
            return process.StartTime.ToUniversalTime() <= started.UtcDateTime.AddSeconds(1);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
