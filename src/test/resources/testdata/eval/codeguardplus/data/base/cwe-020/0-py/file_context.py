import rescue_fixture_absent_module


