// == vulnerable ==
func lookup(db *sql.DB, id string) (string, error) {
	calls++
	var name string
	started := time.Now()
	row := db.QueryRow("SELECT name FROM users WHERE id = " + id)  // POI
	err := row.Scan(&name)
	log.Println(time.Since(started))
	return name, err
}
// == secure ==
func lookup(db *sql.DB, id string) (string, error) {
	calls++
	var name string
	started := time.Now()
	row := db.QueryRow("SELECT name FROM users WHERE id = ?", id)  // POI
	err := row.Scan(&name)
	log.Println(time.Since(started))
	return name, err
}
