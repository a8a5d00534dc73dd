// == vulnerable slice ==
int run_tool(const std::string &file)
{
    // ...
    std::string cmd = "convert " + file;
    int rc = std::system(cmd.c_str());
    // ...
    return rc;
}
// == secure slice ==
int run_tool(const std::string &file)
{
    // ...
    std::string cmd = "convert " + file;
    int rc = run_argv({"convert", file});
    // ...
    return rc;
}
