// == vulnerable slice ==
public List<User> find(Connection db, String name) throws SQLException {
    // ...
    Statement st = db.createStatement();
    ResultSet rs = st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    while (rs.next()) {
        users.add(new User(rs.getString(1)));
    }
    // ...
}
// == secure slice ==
public List<User> find(Connection db, String name) throws SQLException {
    // ...
    PreparedStatement st = db.prepareStatement("SELECT * FROM users WHERE name = ?");
    st.setString(1, name);
    ResultSet rs = st.executeQuery();
    while (rs.next()) {
        users.add(new User(rs.getString(1)));
    }
    // ...
}
