using System.Buffers;
using System.Globalization;
using System.Text;
using DanVan.Core.Text;

namespace DanVan.Core.Word;

internal enum XmlNode
{
    None,
    Element,
    EndElement,
    EndOfFile,
}

/// <summary>
/// A pull reader for the XML of a Word package's parts, over the whole part decoded once. Reports elements and end
/// elements with namespaces resolved from the part's own xmlns declarations; text is read only where asked
/// (<see cref="AppendElementContent"/>), but all of it is checked. Comments, processing instructions and the
/// XML declaration are skipped; a DOCTYPE is refused (no DTDs, no entity expansion), and anything not well-formed
/// fails with <see cref="ImportFailure.Corrupt"/>. What it reads and refuses is XmlReader's (XmlScannerParityTests
/// checks both side by side); it exists because it does that work for a fraction of XmlReader's cost (bench/README.md).
/// </summary>
internal sealed class XmlScanner : IDisposable
{
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>A part longer than this is refused as damaged, as XmlReader's MaxCharactersInDocument would refuse it.</summary>
    private const int MaxCharacters = 40_000_000;

    /// <summary>The readers above recurse per nesting level; Word nests far less.</summary>
    private const int MaxDepth = 1000;

    private const string DtdProhibited = "For security reasons DTD is prohibited in this XML document. To enable DTD processing set the DtdProcessing property on XmlReaderSettings to Parse and pass the settings into XmlReader.Create method.";

    /// <summary>Namespace URIs returned as these very strings, so callers may compare them by reference.</summary>
    private static readonly string[] KnownNamespaces =
    [
        WordPackage.W,
        WordPackage.R,
        WordPackage.A,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://schemas.openxmlformats.org/markup-compatibility/2006",
    ];

    private static readonly UTF8Encoding Utf8 = new(false, true);

    private char[] _chars;
    private readonly int _length;
    private int _pos;

    private int _localStart;
    private int _localLength;
    private string _namespace = "";

    private Attribute[] _attributes = new Attribute[16];
    private int _attributeCount;

    private Open[] _open = new Open[32];
    private int _openCount;

    private Binding[] _bindings = new Binding[32];
    private int _bindingCount;
    private int _bindingsVersion;

    // The last prefix resolved, as most elements of a part share one.
    private int _lastPrefixStart = -1;
    private int _lastPrefixLength;
    private int _lastVersion = -1;
    private string _lastNamespace = "";

    private string? _scope;
    private int _scopeVersion;
    private int _scopeDepth;

    private bool _rootSeen;
    private bool _rootClosed;

    private XmlScanner(char[] chars, int length)
    {
        _chars = chars;
        _length = length;
    }

    /// <summary>Decodes a part's bytes (UTF-8 unless a byte order mark or the declaration says otherwise) into a pooled buffer.</summary>
    public static XmlScanner Create(ReadOnlySpan<byte> bytes)
    {
        var encoding = Detect(ref bytes);
        char[]? chars = null;
        try
        {
            var count = encoding.GetMaxCharCount(bytes.Length) > MaxCharacters ? encoding.GetCharCount(bytes) : bytes.Length;
            if (count > MaxCharacters)
            {
                throw Damaged("The input document has exceeded a limit set by MaxCharactersInDocument.");
            }

            chars = ArrayPool<char>.Shared.Rent(Math.Max(count, 16));
            var length = encoding.GetChars(bytes, chars);
            var scanner = new XmlScanner(chars, length);
            var bad = VietnameseText.FirstForbiddenInXml(chars.AsSpan(0, length));
            if (bad >= 0)
            {
                throw scanner.Error($"'{chars[bad]}', hexadecimal value 0x{(int)chars[bad]:X2}, is an invalid character.", bad);
            }

            return scanner;
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException)
        {
            Return(chars);
            throw new DocumentImportException(ImportFailure.Corrupt, "The document XML is damaged: Invalid character in the given encoding.", ex);
        }
        catch
        {
            Return(chars);
            throw;
        }
    }

    private static void Return(char[]? chars)
    {
        if (chars is not null)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static Encoding Detect(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
            return Utf8;
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            bytes = bytes[2..];
            return new UnicodeEncoding(false, false, true);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            bytes = bytes[2..];
            return new UnicodeEncoding(true, false, true);
        }

        // An encoding other than UTF-8 must be named in the declaration, which is ASCII.
        if (!bytes.StartsWith("<?xml"u8))
        {
            return Utf8;
        }

        var end = bytes.IndexOf("?>"u8);
        var declaration = bytes[..(end < 0 ? Math.Min(bytes.Length, 200) : end)];
        var at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return Utf8;
        }

        var rest = declaration[(at + 8)..];
        while (rest.Length > 0 && rest[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'=')
        {
            rest = rest[1..];
        }

        if (rest.Length == 0 || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return Utf8;
        }

        var close = rest[1..].IndexOf(rest[0]);
        var name = Encoding.ASCII.GetString(close < 0 ? rest[1..] : rest[1..(close + 1)]);
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Utf8;
        }

        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException ex)
        {
            throw new DocumentImportException(ImportFailure.Corrupt, $"The document XML is damaged: System does not support '{name}' encoding.", ex);
        }
    }

    public XmlNode NodeType { get; private set; }

    /// <summary>0 for the root element; an end element has its start's depth.</summary>
    public int Depth { get; private set; }

    public bool IsEmptyElement { get; private set; }

    public bool EOF => NodeType == XmlNode.EndOfFile;

    /// <summary>The current element's name without its prefix; valid until the next move.</summary>
    public ReadOnlySpan<char> LocalName => _chars.AsSpan(_localStart, _localLength);

    /// <summary>The current element's namespace URI ("" for none); the same string instance for the OOXML namespaces.</summary>
    public string NamespaceURI => _namespace;

    public void Dispose()
    {
        Return(_chars);
        _chars = [];
    }

    /// <summary>Moves to the next element or end element; false at the end of the part.</summary>
    public bool Read()
    {
        while (true)
        {
            switch (Next())
            {
                case Token.Element:
                case Token.EndElement:
                    return true;
                case Token.EndOfFile:
                    return false;
            }
        }
    }

    /// <summary>Moves past the current element and everything in it.</summary>
    public void Skip()
    {
        if (NodeType == XmlNode.Element && !IsEmptyElement)
        {
            var depth = Depth;
            while (Read() && (NodeType != XmlNode.EndElement || Depth != depth))
            {
            }
        }

        Read();
    }

    /// <summary>
    /// The current element's text from its start tag through the first end tag with its name, unchecked: only a key
    /// for text that was read whole before (<see cref="SkipReadElement"/>). Empty for an empty element or when there
    /// is no such end tag within <paramref name="maxLength"/> characters; valid until the next move.
    /// </summary>
    public ReadOnlySpan<char> ElementText(int maxLength)
    {
        if (NodeType != XmlNode.Element || IsEmptyElement || _open[_openCount - 1].QNameLength > 200)
        {
            return default;
        }

        var open = _open[_openCount - 1];
        Span<char> endTag = stackalloc char[open.QNameLength + 3];
        "</".CopyTo(endTag);
        _chars.AsSpan(open.QNameStart, open.QNameLength).CopyTo(endTag[2..]);
        endTag[^1] = '>';
        var end = _chars.AsSpan(_pos, Math.Min(_length - _pos, maxLength)).IndexOf(endTag);
        return end < 0 ? default : _chars.AsSpan(_tokenStart, _pos + end + endTag.Length - _tokenStart);
    }

    /// <summary>Where the current node's text ends (after the end tag of an end element).</summary>
    public int NodeEnd => _pos;

    /// <summary>Where the current node's text starts.</summary>
    public int NodeStart => _tokenStart;

    /// <summary>
    /// Moves to the end element of the current element without reading what is inside. Only for an element whose
    /// <see cref="ElementText"/> was read whole before under the same <see cref="Scope"/> and found well-formed: the
    /// same text under the same namespace bindings and depth reads the same way again.
    /// </summary>
    public void SkipReadElement(int length)
    {
        _pos = _tokenStart + length - (_open[_openCount - 1].QNameLength + 3);
        Read();
    }

    /// <summary>The namespace bindings in scope and the depth: what, besides its text, decides how an element reads.</summary>
    public string Scope
    {
        get
        {
            if (_scope is null || _scopeVersion != _bindingsVersion || _scopeDepth != Depth)
            {
                var scope = new StringBuilder().Append(Depth);
                for (var b = 0; b < _bindingCount; b++)
                {
                    ref var binding = ref _bindings[b];
                    scope.Append(' ').Append(binding.PrefixLength).Append(':').Append(_chars, binding.PrefixStart, binding.PrefixLength)
                        .Append(binding.Uri.Length).Append(':').Append(binding.Uri);
                }

                (_scope, _scopeVersion, _scopeDepth) = (scope.ToString(), _bindingsVersion, Depth);
            }

            return _scope;
        }
    }

    /// <summary>
    /// Appends the current element's text (entities resolved, CDATA included) to <paramref name="into"/>, moving past
    /// its end: straight from the part's characters, without a string per element.
    /// </summary>
    public void AppendElementContent(StringBuilder into)
    {
        if (NodeType != XmlNode.Element)
        {
            throw Error("The ReadElementContentAsString method is not supported on node type " + NodeType + ".", _pos);
        }

        if (IsEmptyElement)
        {
            Read();
            return;
        }

        while (true)
        {
            var token = Next();
            if (token == Token.EndElement)
            {
                break;
            }

            if (token == Token.Skipped)
            {
                continue;
            }

            if (token is not (Token.Text or Token.CData))
            {
                throw Error("ReadElementContentAs() methods cannot be called on an element that has child elements.", _tokenStart + 1);
            }

            AppendText(into, _valueStart, _valueEnd, references: token == Token.Text);
        }

        Read();
    }

    /// <summary>An attribute of the current element by local name and namespace URI ("" for an unprefixed one).</summary>
    public string? GetAttribute(string localName, string namespaceUri = "")
    {
        if (NodeType != XmlNode.Element)
        {
            return null;
        }

        for (var i = 0; i < _attributeCount; i++)
        {
            ref var a = ref _attributes[i];
            if (a.Namespace == namespaceUri && _chars.AsSpan(a.LocalStart, a.LocalLength).SequenceEqual(localName))
            {
                return a.Plain ? new string(_chars, a.ValueStart, a.ValueLength) : AttributeValue(a.ValueStart, a.ValueStart + a.ValueLength);
            }
        }

        return null;
    }

    private enum Token
    {
        Element,
        EndElement,
        Text,
        CData,
        Skipped,
        EndOfFile,
    }

    private int _valueStart;
    private int _valueEnd;
    private int _tokenStart;

    private Token Next()
    {
        if (_pos >= _length)
        {
            return End();
        }

        var chars = _chars.AsSpan(0, _length);
        var p = _tokenStart = _pos;
        if (chars[p] != '<')
        {
            var end = chars[p..].IndexOf('<');
            end = end < 0 ? _length : p + end;
            CheckText(p, end);
            (_valueStart, _valueEnd, _pos) = (p, end, end);
            return Token.Text;
        }

        if (p + 1 >= _length)
        {
            throw Error("Unexpected end of file has occurred.", p);
        }

        switch (chars[p + 1])
        {
            case '/':
                EndTag(p);
                return Token.EndElement;
            case '?':
                Instruction(p);
                return Token.Skipped;
            case '!':
                return Declaration(p);
            default:
                StartTag(p);
                return Token.Element;
        }
    }

    private Token End()
    {
        if (_openCount > 0)
        {
            throw Error($"Unexpected end of file has occurred. The following elements are not closed: {new string(_chars, _open[_openCount - 1].QNameStart, _open[_openCount - 1].QNameLength)}.", _length);
        }

        if (!_rootSeen)
        {
            throw Damaged("Root element is missing.");
        }

        NodeType = XmlNode.EndOfFile;
        _localLength = 0;
        _namespace = "";
        return Token.EndOfFile;
    }

    /// <summary>Text outside the root must be white space; inside, its entity references must be known.</summary>
    private void CheckText(int start, int end)
    {
        var text = _chars.AsSpan(start, end - start);
        if (_openCount == 0)
        {
            if (text.ContainsAnyExcept(" \t\r\n"))
            {
                throw Error("Data at the root level is invalid.", start);
            }

            return;
        }

        for (var i = text.IndexOfAny('&', ']'); i >= 0;)
        {
            int next;
            if (text[i] == '&')
            {
                next = Entity(start + i, out _, out _) - start;
            }
            else
            {
                if (text[i..].StartsWith("]]>"))
                {
                    throw Error("']]>' is not allowed in character data.", start + i);
                }

                next = i + 1;
            }

            var more = text[next..].IndexOfAny('&', ']');
            i = more < 0 ? -1 : next + more;
        }
    }

    private void Instruction(int p)
    {
        var end = _chars.AsSpan(p + 2, _length - p - 2).IndexOf("?>");
        if (end < 0)
        {
            throw Error("Unexpected end of file while parsing PI has occurred.", p);
        }

        var nameEnd = NameEndAt(p + 2);
        if (nameEnd == p + 2)
        {
            throw Error("Name cannot begin with the '?' character.", p + 2);
        }

        CheckNameChars(p + 2, nameEnd);
        if (_chars[nameEnd] is not (' ' or '\t' or '\r' or '\n' or '?'))
        {
            throw Error($"'{_chars[nameEnd]}' is an unexpected token. Expecting white space.", nameEnd);
        }

        if (_chars.AsSpan(p + 2, nameEnd - p - 2).Equals("xml", StringComparison.OrdinalIgnoreCase))
        {
            if (p != 0)
            {
                throw Error("Unexpected XML declaration. The XML declaration must be the first node in the document, and no white space characters are allowed to appear before it.", p);
            }

            CheckXmlDeclaration(nameEnd, p + 2 + end);
        }

        _pos = p + 2 + end + 2;
    }

    /// <summary>
    /// The XML declaration's pseudo-attributes between "&lt;?xml" and "?&gt;", as XML 1.0 allows them: version, then
    /// optionally encoding, then optionally standalone (yes or no), each name="value" or name='value'.
    /// </summary>
    private void CheckXmlDeclaration(int from, int end)
    {
        if (!_chars.AsSpan(2, 3).SequenceEqual("xml"))
        {
            throw Error("'xml' is a reserved name; the XML declaration must be written in lower case.", 2);
        }

        ReadOnlySpan<string> names = ["version", "encoding", "standalone"];
        var i = from;
        var next = 0;
        while (true)
        {
            var spaced = SkipSpace(ref i);
            if (i >= end)
            {
                break;
            }

            if (!spaced)
            {
                throw Error("Syntax error in the XML declaration: expecting white space.", i);
            }

            var nameEnd = i;
            while (nameEnd < end && char.IsAsciiLetter(_chars[nameEnd]))
            {
                nameEnd++;
            }

            var name = _chars.AsSpan(i, nameEnd - i);
            var index = next;
            while (index < names.Length && !name.SequenceEqual(names[index]))
            {
                index++;
            }

            if (index == names.Length || (next == 0 && index != 0))
            {
                throw Error($"Syntax error in the XML declaration: '{name}' is unexpected.", i);
            }

            next = index + 1;
            i = nameEnd;
            SkipSpace(ref i);
            if (i >= end || _chars[i] != '=')
            {
                throw Error("Syntax error in the XML declaration: '=' is missing.", i);
            }

            i++;
            SkipSpace(ref i);
            if (i >= end || _chars[i] is not ('"' or '\''))
            {
                throw Error("Syntax error in the XML declaration: there is no quote around the value.", i);
            }

            var close = _chars.AsSpan(i + 1, end - i - 1).IndexOf(_chars[i]);
            if (close < 0)
            {
                throw Error("Syntax error in the XML declaration: the value is not closed.", i);
            }

            var value = _chars.AsSpan(i + 1, close);
            var valid = index switch
            {
                0 => value.Length >= 3 && value.StartsWith("1.") && value[2..].ContainsAnyExceptInRange('0', '9') is false,
                1 => value.Length > 0 && char.IsAsciiLetter(value[0]) && !value.ContainsAnyExcept(EncodingNameChars),
                _ => value is "yes" or "no",
            };
            if (!valid)
            {
                throw Error($"Syntax error in the XML declaration: '{value}' is not a valid {names[index]}.", i + 1);
            }

            i += close + 2;
        }

        if (next == 0)
        {
            throw Error("Version number is required in the XML declaration.", from);
        }
    }

    private static readonly System.Buffers.SearchValues<char> EncodingNameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private Token Declaration(int p)
    {
        var rest = _chars.AsSpan(p, _length - p);
        if (rest.StartsWith("<!--"))
        {
            var end = rest[4..].IndexOf("--");
            if (end < 0)
            {
                throw Error("Unexpected end of file while parsing Comment has occurred.", p);
            }

            if (p + 4 + end + 2 >= _length || _chars[p + 4 + end + 2] != '>')
            {
                throw Error("An XML comment cannot contain '--', and '-' cannot be the last character.", p + 4 + end);
            }

            _pos = p + 4 + end + 3;
            return Token.Skipped;
        }

        if (rest.StartsWith("<![CDATA["))
        {
            if (_openCount == 0)
            {
                throw Error("Data at the root level is invalid.", p);
            }

            var end = rest[9..].IndexOf("]]>");
            if (end < 0)
            {
                throw Error("Unexpected end of file while parsing CDATA has occurred.", p);
            }

            (_valueStart, _valueEnd, _pos) = (p + 9, p + 9 + end, p + 9 + end + 3);
            return Token.CData;
        }

        if (rest.StartsWith("<!DOCTYPE"))
        {
            throw Damaged(DtdProhibited);
        }

        throw Error("Unexpected '<!' markup.", p);
    }

    private void StartTag(int p)
    {
        if (_rootClosed)
        {
            throw Error("There are multiple root elements.", p);
        }

        var nameStart = p + 1;
        var nameEnd = QName(nameStart, out var colon);
        var declarations = 0;
        _attributeCount = 0;
        var i = nameEnd;
        bool empty;
        while (true)
        {
            var spaced = SkipSpace(ref i);
            if (i >= _length)
            {
                throw Error("Unexpected end of file has occurred.", i);
            }

            var c = _chars[i];
            if (c == '>')
            {
                empty = false;
                i++;
                break;
            }

            if (c == '/')
            {
                if (i + 1 >= _length || _chars[i + 1] != '>')
                {
                    throw Error("Expected '>'.", i + 1);
                }

                empty = true;
                i += 2;
                break;
            }

            if (!spaced)
            {
                throw Error($"'{c}' is an unexpected token. Expecting white space.", i);
            }

            declarations += ReadAttribute(ref i);
        }

        _pos = i;
        var depth = _openCount;
        if (declarations > 0)
        {
            Declare(depth);
        }

        _namespace = Resolve(nameStart, colon < 0 ? 0 : colon - nameStart, nameStart);
        for (var a = 0; a < _attributeCount; a++)
        {
            ref var attribute = ref _attributes[a];
            if (attribute.Declaration)
            {
                continue;
            }

            attribute.Namespace = attribute.PrefixLength == 0 ? "" : Resolve(attribute.QNameStart, attribute.PrefixLength, attribute.QNameStart);
            for (var b = 0; b < a && attribute.PrefixLength > 0; b++)
            {
                ref var other = ref _attributes[b];
                if (!other.Declaration && ReferenceEquals(other.Namespace, attribute.Namespace) | other.Namespace == attribute.Namespace
                    && _chars.AsSpan(other.LocalStart, other.LocalLength).SequenceEqual(_chars.AsSpan(attribute.LocalStart, attribute.LocalLength)))
                {
                    throw Error($"'{_chars.AsSpan(attribute.LocalStart, attribute.LocalLength)}' is a duplicate attribute name in namespace '{attribute.Namespace}'.", attribute.QNameStart);
                }
            }
        }

        NodeType = XmlNode.Element;
        Depth = depth;
        IsEmptyElement = empty;
        _localStart = colon < 0 ? nameStart : colon + 1;
        _localLength = nameEnd - _localStart;
        _rootSeen = true;
        if (empty)
        {
            PopBindings(depth);
            _rootClosed = depth == 0;
            return;
        }

        if (_openCount >= MaxDepth)
        {
            throw Error($"Elements are nested more than {MaxDepth} deep.", p);
        }

        if (_openCount == _open.Length)
        {
            Array.Resize(ref _open, _open.Length * 2);
        }

        _open[_openCount++] = new Open(nameStart, nameEnd - nameStart, _localStart, _localLength, _namespace);
    }

    /// <summary>Reads one attribute at <paramref name="i"/>; 1 if it declares a namespace.</summary>
    private int ReadAttribute(ref int i)
    {
        var start = i;
        var end = QName(start, out var colon);
        i = end;
        SkipSpace(ref i);
        if (i >= _length || _chars[i] != '=')
        {
            throw Error("'=' is missing after the attribute name.", i);
        }

        i++;
        SkipSpace(ref i);
        if (i >= _length || _chars[i] is not ('"' or '\''))
        {
            throw Error("There is no quote around the attribute value.", i);
        }

        var quote = _chars[i];
        var valueStart = i + 1;
        var close = _chars.AsSpan(valueStart, _length - valueStart).IndexOf(quote);
        if (close < 0)
        {
            throw Error("Unexpected end of file has occurred.", valueStart);
        }

        var value = _chars.AsSpan(valueStart, close);
        if (value.Contains('<'))
        {
            throw Error("'<', hexadecimal value 0x3C, is an invalid attribute character.", valueStart + value.IndexOf('<'));
        }

        var plain = !value.ContainsAny("&\t\r\n");
        if (value.Contains('&'))
        {
            AttributeValue(valueStart, valueStart + close);
        }

        i = valueStart + close + 1;
        var qname = _chars.AsSpan(start, end - start);
        for (var a = 0; a < _attributeCount; a++)
        {
            if (_chars.AsSpan(_attributes[a].QNameStart, _attributes[a].QNameLength).SequenceEqual(qname))
            {
                throw Error($"'{qname}' is a duplicate attribute name.", start);
            }
        }

        var prefixLength = colon < 0 ? 0 : colon - start;
        var declaration = qname is "xmlns" || (prefixLength == 5 && qname.StartsWith("xmlns"));
        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributes.Length * 2);
        }

        _attributes[_attributeCount++] = new Attribute
        {
            QNameStart = start,
            QNameLength = end - start,
            PrefixLength = prefixLength,
            LocalStart = colon < 0 ? start : colon + 1,
            LocalLength = colon < 0 ? end - start : end - colon - 1,
            ValueStart = valueStart,
            ValueLength = close,
            Plain = plain,
            Declaration = declaration,
            Namespace = declaration ? XmlnsNamespace : "",
        };
        return declaration ? 1 : 0;
    }

    /// <summary>Binds the current start tag's xmlns declarations for it and its content.</summary>
    private void Declare(int depth)
    {
        for (var a = 0; a < _attributeCount; a++)
        {
            ref var attribute = ref _attributes[a];
            if (!attribute.Declaration)
            {
                continue;
            }

            var value = _chars.AsSpan(attribute.ValueStart, attribute.ValueLength);
            string? uri = null;
            if (attribute.Plain)
            {
                foreach (var known in KnownNamespaces)
                {
                    if (value.SequenceEqual(known))
                    {
                        uri = known;
                        break;
                    }
                }
            }

            uri ??= attribute.Plain ? new string(value) : AttributeValue(attribute.ValueStart, attribute.ValueStart + attribute.ValueLength);
            var prefix = _chars.AsSpan(attribute.LocalStart, attribute.LocalLength);
            if (attribute.PrefixLength > 0 && uri.Length == 0)
            {
                throw Error("Cannot use a prefix with an empty namespace.", attribute.QNameStart);
            }

            if ((attribute.PrefixLength > 0 && (prefix is "xmlns" || (prefix is "xml") != (uri == XmlNamespace))) || uri == XmlnsNamespace
                || (attribute.PrefixLength == 0 && uri == XmlNamespace))
            {
                throw Error($"Prefix \"{(attribute.PrefixLength > 0 ? prefix : "")}\" cannot be mapped to namespace \"{uri}\".", attribute.QNameStart);
            }

            if (_bindingCount == _bindings.Length)
            {
                Array.Resize(ref _bindings, _bindings.Length * 2);
            }

            // "xmlns" binds the default namespace (an empty prefix); "xmlns:p" binds p.
            _bindings[_bindingCount++] = attribute.PrefixLength == 0
                ? new Binding(0, 0, uri, depth)
                : new Binding(attribute.LocalStart, attribute.LocalLength, uri, depth);
        }

        _bindingsVersion++;
    }

    private void PopBindings(int depth)
    {
        var count = _bindingCount;
        while (count > 0 && _bindings[count - 1].Depth >= depth)
        {
            count--;
        }

        if (count != _bindingCount)
        {
            _bindingCount = count;
            _bindingsVersion++;
        }
    }

    private string Resolve(int prefixStart, int prefixLength, int at)
    {
        var prefix = _chars.AsSpan(prefixStart, prefixLength);
        if (_lastVersion == _bindingsVersion && _lastPrefixStart >= 0 && prefix.SequenceEqual(_chars.AsSpan(_lastPrefixStart, _lastPrefixLength)))
        {
            return _lastNamespace;
        }

        string? found = null;
        for (var b = _bindingCount - 1; b >= 0; b--)
        {
            ref var binding = ref _bindings[b];
            if (binding.PrefixLength == prefixLength && _chars.AsSpan(binding.PrefixStart, prefixLength).SequenceEqual(prefix))
            {
                found = binding.Uri;
                break;
            }
        }

        if (found is null)
        {
            if (prefixLength == 0)
            {
                found = "";
            }
            else if (prefix is "xml")
            {
                found = XmlNamespace;
            }
            else
            {
                throw Error($"'{prefix}' is an undeclared prefix.", at);
            }
        }

        (_lastPrefixStart, _lastPrefixLength, _lastVersion, _lastNamespace) = (prefixStart, prefixLength, _bindingsVersion, found);
        return found;
    }

    private void EndTag(int p)
    {
        var nameStart = p + 2;
        var nameEnd = QName(nameStart, out _);
        var i = nameEnd;
        SkipSpace(ref i);
        if (i >= _length || _chars[i] != '>')
        {
            throw Error("Expected '>'.", i);
        }

        if (_openCount == 0)
        {
            throw Error("Unexpected end tag.", p);
        }

        var open = _open[_openCount - 1];
        var name = _chars.AsSpan(nameStart, nameEnd - nameStart);
        if (!name.SequenceEqual(_chars.AsSpan(open.QNameStart, open.QNameLength)))
        {
            var (line, position) = LineAndPosition(open.QNameStart);
            throw Error($"The '{new string(_chars, open.QNameStart, open.QNameLength)}' start tag on line {line} position {position} does not match the end tag of '{name}'.", nameStart);
        }

        _openCount--;
        _pos = i + 1;
        NodeType = XmlNode.EndElement;
        Depth = _openCount;
        IsEmptyElement = false;
        (_localStart, _localLength, _namespace) = (open.LocalStart, open.LocalLength, open.Namespace);
        PopBindings(_openCount);
        _rootClosed = _openCount == 0;
    }

    /// <summary>The end of a (possibly prefixed) name starting at <paramref name="start"/>, and where its colon is (-1 for none).</summary>
    private int QName(int start, out int colon)
    {
        var end = NameEndAt(start);
        if (end == start || _chars[start] is '-' or '.' or ':' || char.IsAsciiDigit(_chars[start]))
        {
            var c = start < _length ? _chars[start] : ' ';
            throw Error($"Name cannot begin with the '{c}' character, hexadecimal value 0x{(int)c:X2}.", start);
        }

        CheckNameChars(start, end);
        var name = _chars.AsSpan(start, end - start);
        colon = name.IndexOf(':');
        if (colon >= 0)
        {
            if (colon == name.Length - 1 || name[(colon + 1)..].Contains(':'))
            {
                throw Error($"The '{name}' name is not a valid qualified name.", start);
            }

            colon += start;
        }

        return end;
    }

    /// <summary>Refuses a character XML does not allow in a name (or at the start of a name or of its local part).</summary>
    private void CheckNameChars(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            var ch = _chars[k];
            var first = k == start || _chars[k - 1] == ':';
            if (first ? !(char.IsAsciiLetter(ch) || ch == '_' || (ch >= 0x80 && System.Xml.XmlConvert.IsStartNCNameChar(ch)))
                : !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_' or ':' || (ch >= 0x80 && System.Xml.XmlConvert.IsNCNameChar(ch))))
            {
                throw Error($"The '{ch}' character, hexadecimal value 0x{(int)ch:X2}, cannot be included in a name.", k);
            }
        }
    }

    /// <remarks>
    /// A loop, not a <see cref="SearchValues{T}"/> search: names are a few characters long, and precompiled code calls
    /// a search-values object through a virtual call into code compiled at run time.
    /// </remarks>
    private int NameEndAt(int start)
    {
        var i = start;
        while (i < _length && _chars[i] is not (' ' or '\t' or '\r' or '\n' or '/' or '>' or '=' or '<' or '&' or '"' or '\'' or '?'))
        {
            i++;
        }

        return i;
    }

    private bool SkipSpace(ref int i)
    {
        var start = i;
        while (i < _length && _chars[i] is ' ' or '\t' or '\r' or '\n')
        {
            i++;
        }

        return i > start;
    }

    /// <summary>Appends text with line ends normalised and, outside CDATA (<paramref name="references"/>), references resolved.</summary>
    private void AppendText(StringBuilder result, int start, int end, bool references)
    {
        var text = _chars.AsSpan(start, end - start);
        if (references ? !text.ContainsAny('&', '\r') : !text.Contains('\r'))
        {
            result.Append(text);
            return;
        }

        for (var i = start; i < end;)
        {
            var c = _chars[i];
            if (c == '&' && references)
            {
                i = AppendEntity(result, i);
            }
            else if (c == '\r')
            {
                result.Append('\n');
                i += i + 1 < end && _chars[i + 1] == '\n' ? 2 : 1;
            }
            else
            {
                result.Append(c);
                i++;
            }
        }
    }

    /// <summary>An attribute value as XML normalises it: references resolved, literal tabs and line ends as spaces.</summary>
    private string AttributeValue(int start, int end)
    {
        var result = new StringBuilder(end - start);
        for (var i = start; i < end;)
        {
            var c = _chars[i];
            if (c == '&')
            {
                i = AppendEntity(result, i);
                continue;
            }

            i += c == '\r' && i + 1 < end && _chars[i + 1] == '\n' ? 2 : 1;
            result.Append(c is '\t' or '\r' or '\n' ? ' ' : c);
        }

        return result.ToString();
    }

    /// <summary>Appends the character (or surrogate pair) the reference at <paramref name="at"/> stands for; returns where it ends.</summary>
    private int AppendEntity(StringBuilder result, int at)
    {
        var end = Entity(at, out var ch, out var low);
        result.Append(ch);
        if (low != '\0')
        {
            result.Append(low);
        }

        return end;
    }

    /// <summary>The reference at <paramref name="at"/> (one of the five predefined entities or a character reference); returns where it ends.</summary>
    private int Entity(int at, out char ch, out char low)
    {
        low = '\0';
        var semicolon = _chars.AsSpan(at + 1, Math.Min(12, _length - at - 1)).IndexOf(';');
        if (semicolon < 0)
        {
            throw Error("An error occurred while parsing EntityName.", at);
        }

        var name = _chars.AsSpan(at + 1, semicolon);
        var end = at + semicolon + 2;
        switch (name)
        {
            case "lt":
                ch = '<';
                return end;
            case "gt":
                ch = '>';
                return end;
            case "amp":
                ch = '&';
                return end;
            case "quot":
                ch = '"';
                return end;
            case "apos":
                ch = '\'';
                return end;
        }

        if (name.Length < 2 || name[0] != '#')
        {
            throw Error($"Reference to undeclared entity '{name}'.", at + 1);
        }

        var hex = name[1] == 'x';
        var digits = hex ? name[2..] : name[1..];
        if (!int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || code is not (0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF)))
        {
            throw Error($"Invalid character reference '&{name};'.", at);
        }

        if (code > 0xFFFF)
        {
            var pair = char.ConvertFromUtf32(code);
            (ch, low) = (pair[0], pair[1]);
        }
        else
        {
            ch = (char)code;
        }

        return end;
    }

    private static DocumentImportException Damaged(string message) =>
        new(ImportFailure.Corrupt, $"The document XML is damaged: {message}");

    /// <summary>A well-formedness error, placed as XmlReader placed them (line and 1-based position).</summary>
    private DocumentImportException Error(string message, int at)
    {
        var (line, position) = LineAndPosition(at);
        return Damaged(string.Create(CultureInfo.InvariantCulture, $"{message} Line {line}, position {position}."));
    }

    private (int Line, int Position) LineAndPosition(int at)
    {
        var before = _chars.AsSpan(0, Math.Clamp(at, 0, _length));
        return (before.Count('\n') + 1, before.Length - before.LastIndexOf('\n'));
    }

    private struct Attribute
    {
        public int QNameStart;
        public int QNameLength;
        public int PrefixLength;
        public int LocalStart;
        public int LocalLength;
        public int ValueStart;
        public int ValueLength;
        public bool Plain;
        public bool Declaration;
        public string Namespace;
    }

    private readonly record struct Open(int QNameStart, int QNameLength, int LocalStart, int LocalLength, string Namespace);

    private readonly record struct Binding(int PrefixStart, int PrefixLength, string Uri, int Depth);
}
