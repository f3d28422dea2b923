using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DanVan.Tests;

/// <summary>What the app asked of its database since it started: commands sent, the parameters they carried and rows read, over every DbContext.</summary>
public sealed class DatabaseReads : DbCommandInterceptor
{
    private long _commands;
    private long _rows;
    private long _parameters;

    public sealed record Totals(long Commands, long Rows, long Parameters)
    {
        public static Totals operator -(Totals after, Totals before) =>
            new(after.Commands - before.Commands, after.Rows - before.Rows, after.Parameters - before.Parameters);
    }

    public Totals Now => new(Interlocked.Read(ref _commands), Interlocked.Read(ref _rows), Interlocked.Read(ref _parameters));

    /// <summary>What <paramref name="work"/> cost; only meaningful while nothing else uses the app.</summary>
    public async Task<(T Result, Totals Reads)> MeasureAsync<T>(Func<Task<T>> work)
    {
        var before = Now;
        var result = await work();
        return (result, Now - before);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Interlocked.Add(ref _rows, eventData.ReadCount);
        return result;
    }

    private void Count(DbCommand command)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _parameters, command.Parameters.Count);
    }
}
