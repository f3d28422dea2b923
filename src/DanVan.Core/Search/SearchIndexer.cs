using DanVan.Core.Data;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DanVan.Core.Search;

/// <summary>
/// Keeps <see cref="SectionSearch"/> in step with report sections. <see cref="DanVanDbContext"/> calls it on every
/// save, so the index row is written in the same transaction as the text, whichever service saved it.
/// </summary>
public static class SearchIndexer
{
    private const int BackfillBatch = 2000;

    /// <summary>Adds or updates the index rows of the sections this save adds or whose text it changes.</summary>
    public static async Task PrepareAsync(DanVanDbContext db, bool async, CancellationToken ct)
    {
        List<EntityEntry<ReportSection>>? added = null;
        Dictionary<int, ReportSection>? changed = null;
        foreach (var entry in db.ChangeTracker.Entries<ReportSection>())
        {
            if (entry.State == EntityState.Added)
            {
                (added ??= []).Add(entry);
            }
            else if (entry.State == EntityState.Modified && entry.Property(s => s.Text).IsModified)
            {
                (changed ??= [])[entry.Entity.Id] = entry.Entity;
            }
        }

        if (added is null && changed is null)
        {
            return;
        }

        var tracked = db.ChangeTracker.Entries<SectionSearch>().Select(t => t.Entity).ToList();
        var bySection = tracked.Where(t => t.Section is not null).ToDictionary(t => (object)t.Section!, ReferenceEqualityComparer.Instance);
        foreach (var entry in added ?? [])
        {
            Set(db, bySection.GetValueOrDefault(entry.Entity) as SectionSearch, entry.Entity);
        }

        if (changed is not null)
        {
            var ids = changed.Keys.ToList();
            var byId = tracked.Where(t => changed.ContainsKey(t.SectionId)).ToDictionary(t => t.SectionId);
            var missing = ids.Where(id => !byId.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                var query = db.Set<SectionSearch>().Where(x => missing.Contains(x.SectionId));
                foreach (var row in async ? await query.ToListAsync(ct) : query.ToList())
                {
                    byId[row.SectionId] = row;
                }
            }

            foreach (var (id, section) in changed)
            {
                Set(db, byId.GetValueOrDefault(id), section);
            }
        }
    }

    /// <summary>Indexes sections saved before the index existed (or by hand in the database); a no-op when none are missing.</summary>
    public static async Task<int> BackfillAsync(DanVanDbContext db, CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var batch = await db.ReportSections.AsNoTracking()
                .Where(s => !db.Set<SectionSearch>().Any(x => x.SectionId == s.Id))
                .OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.Text })
                .Take(BackfillBatch)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }

            var rows = batch.Select(s => new SectionSearch { SectionId = s.Id, Folded = SearchText.ForIndex(s.Text) }).ToList();
            db.Set<SectionSearch>().AddRange(rows);
            await db.SaveChangesAsync(ct);
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            total += rows.Count;
        }
    }

    private static void Set(DanVanDbContext db, SectionSearch? row, ReportSection section)
    {
        var folded = SearchText.ForIndex(section.Text);
        if (row is null)
        {
            db.Set<SectionSearch>().Add(new SectionSearch { SectionId = section.Id, Section = section, Folded = folded });
        }
        else if (row.Folded != folded)
        {
            // Through the entry, so the change is seen even when the caller turned automatic change detection off.
            db.Entry(row).Property(x => x.Folded).CurrentValue = folded;
        }
    }
}
