// == vulnerable ==
public List<User> find(Connection db, String name) throws SQLException {
    List<User> users = new ArrayList<>();
    int queries = counter.incrementAndGet();
    Statement st = db.createStatement();  // POI
    ResultSet rs = st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");  // POI
    while (rs.next()) {
        users.add(new User(rs.getString(1)));
    }
    metrics.observe(queries);
    return users;
}
// == secure ==
public List<User> find(Connection db, String name) throws SQLException {
    List<User> users = new ArrayList<>();
    int queries = counter.incrementAndGet();
    PreparedStatement st = db.prepareStatement("SELECT * FROM users WHERE name = ?");  // POI
    st.setString(1, name);  // POI
    ResultSet rs = st.executeQuery();  // POI
    while (rs.next()) {
        users.add(new User(rs.getString(1)));
    }
    metrics.observe(queries);
    return users;
}
