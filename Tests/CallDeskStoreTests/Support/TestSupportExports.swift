// The shared test helpers (TestDatabase, SampleBundles) for every file of this target.
@_exported import CallDeskTestSupport
