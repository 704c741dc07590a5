using System.Runtime.CompilerServices;
using Statecraft.Store;

namespace Statecraft.Tests;

/// <summary>
/// Keeps the tests' runs out of the user's own run store: before any test, the default store (and that of every
/// process a test starts, which inherits the variable) is moved to a file of this test process's own.
/// </summary>
internal static class TestStore
{
    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"statecraft-tests-{Environment.ProcessId}", "runs.db");

    [ModuleInitializer]
    internal static void MoveDefaultStore()
    {
        Environment.SetEnvironmentVariable(RunStore.LocationVariable, Path);
        // Left behind only if the test process is killed.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still open at exit; the temporary folder is the system's to clear.
            }
        };
    }
}
