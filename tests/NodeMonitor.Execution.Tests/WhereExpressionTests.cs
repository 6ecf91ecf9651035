namespace NodeMonitor.Execution.Tests;

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
        Assert.That(WhereExpression.ToFilterXml(where), Is.EqualTo(expected));

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
        Assert.That(WhereExpression.ToFilterXml(where), Is.EqualTo(expected));

    [TestCase("cat == 'two words'", "<filter><cat>two words</cat></filter>")]
    [TestCase("cat == \"two words\"", "<filter><cat>two words</cat></filter>")]
    [TestCase(@"cat == 'it\'s'", "<filter><cat>it's</cat></filter>")]
    [TestCase("cat == 'a and b'", "<filter><cat>a and b</cat></filter>")]
    [TestCase("cat == and", "<filter><cat>and</cat></filter>")]
    [TestCase("test == 'A<B>&C'", "<filter><test>A&lt;B&gt;&amp;C</test></filter>")]
    public void ReadsQuotedAndKeywordValuesLiterallyAndEscapesXml(string where, string expected) =>
        Assert.That(WhereExpression.ToFilterXml(where), Is.EqualTo(expected));

    [Test]
    public void BlankExpressionSelectsEverything() =>
        Assert.That(WhereExpression.ToFilterXml("  "), Is.EqualTo("<filter />"));

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
    [TestCase("cat == a cat == b", "expected 'and', 'or' or the end")]
    public void RejectsMalformedExpressionsNamingWhatWasExpected(string where, string expected)
    {
        var error = Assert.Throws<WhereSyntaxException>(() => WhereExpression.ToFilterXml(where))!;
        Assert.That(error.Message, Does.Contain(expected).And.Contain("position"));
    }

    [Test]
    public void ErrorNamesTheOneBasedPositionOfTheProblem()
    {
        var error = Assert.Throws<WhereSyntaxException>(() => WhereExpression.ToFilterXml("cat == a or"))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Position, Is.EqualTo(11));
            Assert.That(error.Message, Does.StartWith("Error at position 12 "));
        });
    }

    [Test]
    public void ASelectionCombinedByThePlannerStillParses() =>
        Assert.That(WhereExpression.ToFilterXml("(cat == a or cat == b) and (not test == x)"),
            Is.EqualTo("<filter><and><or><cat>a</cat><cat>b</cat></or><not><test>x</test></not></and></filter>"));
}
