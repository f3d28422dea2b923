using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace DanVan.Tests;

/// <summary>
/// A C# client made from the OpenAPI document the app serves, the way a province's other systems would make theirs:
/// NSwag generates the code and Roslyn compiles it, in the test process. Nothing of it is written by hand, so a
/// document that does not describe a body, a parameter or an operation's name gives a client that cannot do the step.
/// </summary>
public sealed class GeneratedApiClient
{
    public const string Namespace = "DanVan.Generated";

    private GeneratedApiClient(Assembly assembly, string source)
    {
        Assembly = assembly;
        Source = source;
    }

    public Assembly Assembly { get; }

    public string Source { get; }

    public static async Task<GeneratedApiClient> FromDocumentAsync(string json)
    {
        var document = await OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "DanVanClient",
            // Method names are the operation ids as they stand, so the document decides what a client calls.
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateOptionalParameters = true,
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings = { Namespace = Namespace, JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
        };
        var source = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "DanVan.Generated.Client",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString());
            throw new InvalidOperationException("The generated client does not compile:\n" + string.Join('\n', errors));
        }

        image.Position = 0;
        return new GeneratedApiClient(new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image), source);
    }

    /// <summary>The generated client, talking through <paramref name="http"/> (its base address and token).</summary>
    public dynamic Client(HttpClient http) => Activator.CreateInstance(Type("DanVanClient"), http)!;

    /// <summary>An instance of a generated model class, e.g. New("CreateReportRequest").</summary>
    public dynamic New(string name) => Activator.CreateInstance(Type(name))!;

    /// <summary>A list of generated model objects, for a property typed ICollection&lt;T&gt;.</summary>
    public dynamic List(string name, params object[] items)
    {
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(Type(name)))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public Type Type(string name) => Assembly.GetType($"{Namespace}.{name}") ?? throw new InvalidOperationException($"The generated client has no type {name}.");
}
