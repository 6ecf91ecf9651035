using NodeMonitor.Core.Selection;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Selection;

/// <summary>Parsing the where language into its syntax tree, and the tree as NUnit filter XML and as where text.</summary>
public sealed class WhereExpressionTests
{
    [TestCase("cat == slow", "<filter><cat>slow</cat></filter>")]
    [TestCase("cat = slow", "<filter><cat>slow</cat></filter>")]
    [TestCase("cat==slow", "<filter><cat>slow</cat></filter>")]
    [TestCase("cat != slow", "<filter><not><cat>slow</cat></not></filter>")]
    [TestCase("test =~ /Disk.*/", "<filter><test re=\"1\">/Disk.*/</test></filter>")]
    [TestCase("name !~ ^Slow", "<filter><not><name re=\"1\">^Slow</name></not></filter>")]
    [TestCase("class == Ns.Fixture", "<filter><class>Ns.Fixture</class></filter>")]
    [TestCase("method == Passes", "<filter><method>Passes</method></filter>")]
    [TestCase("namespace == Fixtures.Mixed", "<filter><namespace>Fixtures.Mixed</namespace></filter>")]
    [TestCase("id == 0-1001", "<filter><id>0-1001</id></filter>")]
    [TestCase("test == Ns.Fixture.Method(1,2)", "<filter><test>Ns.Fixture.Method(1,2)</test></filter>")]
    [TestCase("CAT == slow", "<filter><cat>slow</cat></filter>")]
    public void TranslatesOneComparison(string where, string expected) =>
        Assert.That(Xml(where), Is.EqualTo(expected));

    [TestCase("cat == a and cat == b", "<filter><and><cat>a</cat><cat>b</cat></and></filter>")]
    [TestCase("cat == a && cat == b", "<filter><and><cat>a</cat><cat>b</cat></and></filter>")]
    [TestCase("cat == a or cat == b", "<filter><or><cat>a</cat><cat>b</cat></or></filter>")]
    [TestCase("cat == a || cat == b || cat == c", "<filter><or><cat>a</cat><cat>b</cat><cat>c</cat></or></filter>")]
    [TestCase("not cat == a", "<filter><not><cat>a</cat></not></filter>")]
    [TestCase("!cat == a", "<filter><not><cat>a</cat></not></filter>")]
    [TestCase("cat == a or cat == b and cat == c", "<filter><or><cat>a</cat><and><cat>b</cat><cat>c</cat></and></or></filter>")]
    [TestCase("(cat == a or cat == b) and cat == c", "<filter><and><or><cat>a</cat><cat>b</cat></or><cat>c</cat></and></filter>")]
    [TestCase("not (cat == a and test == b)", "<filter><not><and><cat>a</cat><test>b</test></and></not></filter>")]
    public void CombinesComparisonsWithNUnitPrecedence(string where, string expected) =>
        Assert.That(Xml(where), Is.EqualTo(expected));

    [TestCase("cat == 'two words'", "<filter><cat>two words</cat></filter>")]
    [TestCase("cat == \"two words\"", "<filter><cat>two words</cat></filter>")]
    [TestCase(@"cat == 'it\'s'", "<filter><cat>it's</cat></filter>")]
    [TestCase("cat == 'a and b'", "<filter><cat>a and b</cat></filter>")]
    [TestCase("cat == and", "<filter><cat>and</cat></filter>")]
    [TestCase("test == 'A<B>&C'", "<filter><test>A&lt;B&gt;&amp;C</test></filter>")]
    public void ReadsQuotedAndKeywordValuesLiterallyAndEscapesXml(string where, string expected) =>
        Assert.That(Xml(where), Is.EqualTo(expected));

    [TestCase("cat == slow", "cat == 'slow'")]
    [TestCase("CAT = slow", "cat == 'slow'")]
    [TestCase("name !~ ^Slow", "name !~ '^Slow'")]
    [TestCase(@"cat == 'it\'s' || test == ""a\\b""", @"cat == 'it\'s' or test == 'a\\b'")]
    [TestCase("!cat == a && (cat == b || cat == c)", "not cat == 'a' and (cat == 'b' or cat == 'c')")]
    [TestCase("not (cat == a and test == b)", "not (cat == 'a' and test == 'b')")]
    [TestCase("(cat == a and cat == b) and cat == c", "(cat == 'a' and cat == 'b') and cat == 'c'")]
    [TestCase("not not cat == a", "not not cat == 'a'")]
    [TestCase("test == Ns.Fixture.Method(1,2)", "test == 'Ns.Fixture.Method(1,2)'")]
    public void PrintsACanonicalFormThatParsesToTheSameTree(string where, string printed)
    {
        var tree = WhereExpression.Parse(where);
        var reparsed = WhereExpression.Parse(tree.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(tree.ToString(), Is.EqualTo(printed));
            Assert.That(reparsed.ToString(), Is.EqualTo(printed));
            Assert.That(reparsed, Is.EqualTo(tree));
            Assert.That(reparsed.ToFilterXml(), Is.EqualTo(tree.ToFilterXml()));
        });
    }

    [Test]
    public void ParsesIntoTypedNodesWithFieldOperatorAndValue()
    {
        var tree = WhereExpression.Parse("cat == a or not test =~ 'b c' and id != 0-1");

        var or = (WhereOr)tree;
        var and = (WhereAnd)or.Parts[1];
        var regex = (WhereComparison)((WhereNot)and.Parts[0]).Part;
        var id = (WhereComparison)and.Parts[1];
        Assert.Multiple(() =>
        {
            Assert.That(or.Parts[0], Is.TypeOf<WhereComparison>());
            Assert.That((regex.Field, regex.Operator, regex.Value), Is.EqualTo((WhereField.Test, WhereOperator.Matches, "b c")));
            Assert.That((id.Field, id.Operator, id.Value), Is.EqualTo((WhereField.Id, WhereOperator.NotEqual, "0-1")));
        });
    }

    [Test]
    public void PartsCombineIntoOneSelectionThatStillPrintsAndParses()
    {
        var combined = WhereExpression.AllOf(
            WhereExpression.AnyOf([WhereExpression.Parse("cat == a"), WhereExpression.Parse("cat == b")]),
            null,
            WhereExpression.Parse("not test == x"))!;

        Assert.That(combined.ToString(), Is.EqualTo("(cat == 'a' or cat == 'b') and not test == 'x'"));
        Assert.That(combined.ToFilterXml(), Is.EqualTo(Xml("(cat == a or cat == b) and (not test == x)")));
        Assert.That(WhereExpression.AllOf(null, null), Is.Null);
    }

    [TestCase("()", "expected a field")]
    [TestCase("cat", "expected an operator")]
    [TestCase("cat ==", "expected a value")]
    [TestCase("cat == a and", "expected a field")]
    [TestCase("(cat == a", "expected ')'")]
    [TestCase("cat == a)", "expected 'and', 'or' or the end")]
    [TestCase("color == red", "unknown field 'color'")]
    [TestCase("cat == 'open", "Unterminated string")]
    [TestCase("cat == a & cat == b", "did you mean '&&'")]
    [TestCase("id =~ 0-1", "'id' supports only == and !=")]
    [TestCase("test =~ 'Disk('", "invalid regular expression 'Disk('")]
    [TestCase("name !~ [", "invalid regular expression '['")]
    [TestCase("", "expected a field")]
    [TestCase("   ", "expected a field")]
    [TestCase("cat == 'a\u0001b'", "control character U+0001")]
    [TestCase("cat == a cat == b", "expected 'and', 'or' or the end")]
    public void RejectsMalformedExpressionsNamingWhatWasExpected(string where, string expected)
    {
        var error = Assert.Throws<WhereSyntaxException>(() => WhereExpression.Parse(where))!;
        Assert.That(error.Message, Does.Contain(expected).And.Contain("position"));
    }

    [Test]
    public void ErrorNamesTheOneBasedPositionOfTheProblem()
    {
        var error = Assert.Throws<WhereSyntaxException>(() => WhereExpression.Parse("cat == a or"))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Position, Is.EqualTo(11));
            Assert.That(error.Message, Does.StartWith("Error at position 12 "));
        });
    }

    [Test]
    public void ASelectionCombinedByThePlannerStillParses() =>
        Assert.That(Xml("(cat == a or cat == b) and (not test == x)"),
            Is.EqualTo("<filter><and><or><cat>a</cat><cat>b</cat></or><not><test>x</test></not></and></filter>"));

    [Test]
    public void TreesAreEqualByTheirShapeAndValues()
    {
        Assert.That(WhereExpression.Parse("cat == a && (test =~ b || !name = c)"), Is.EqualTo(WhereExpression.Parse("cat == 'a' and (test =~ \"b\" or not name == c)")));
        Assert.That(WhereExpression.Parse("cat == a and cat == b"), Is.Not.EqualTo(WhereExpression.Parse("cat == b and cat == a")));
        Assert.That(WhereExpression.Parse("cat == a"), Is.Not.EqualTo(WhereExpression.Parse("cat != a")));
    }

    [Test]
    public void ARegularExpressionErrorPointsAtTheValue()
    {
        var error = Assert.Throws<WhereSyntaxException>(() => WhereExpression.Parse("cat == a and test =~ '(x'"))!;
        Assert.That(error.Position, Is.EqualTo(21));
    }

    private static string Xml(string where) => WhereExpression.Parse(where).ToFilterXml();
}
