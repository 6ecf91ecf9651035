using NUnit.Framework;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Tests.LocalStorage;

/// <summary>Storage tests against one store with the default retention, open before each test and closed after it.</summary>
public abstract class OpenStoreTestBase : StoreTestBase
{
    protected LocalStore Store { get; private set; } = null!;

    // NUnit runs the base class's [SetUp] first and its [TearDown] last, so the directory outlives the store.
    [SetUp]
    public void OpenStore() => Store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);

    [TearDown]
    public void CloseStore() => Store.Dispose();
}
