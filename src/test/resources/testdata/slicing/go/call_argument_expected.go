// == vulnerable slice ==
func lookup(db *sql.DB, id string) (string, error) {
	// ...
	row := db.QueryRow("SELECT name FROM users WHERE id = " + id)
	err := row.Scan(&name)
	// ...
	return name, err
}
// == secure slice ==
func lookup(db *sql.DB, id string) (string, error) {
	// ...
	row := db.QueryRow("SELECT name FROM users WHERE id = ?", id)
	err := row.Scan(&name)
	// ...
	return name, err
}
