// == vulnerable slice ==
func openUpload(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ...
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.Error(w, "not found", 404)
		return
	}
	defer f.Close()
	io.Copy(w, f)
	log.Println(time.Since(start))
}
// == secure slice ==
func openUpload(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ...
	if strings.Contains(name, "..") {
		http.Error(w, "bad name", 400)
		return
	}
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.Error(w, "not found", 404)
		return
	}
	defer f.Close()
	io.Copy(w, f)
	log.Println(time.Since(start))
}
