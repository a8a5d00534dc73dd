// == vulnerable ==
func openUpload(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	hits.Add(1)
	start := time.Now()
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.Error(w, "not found", 404)
		return
	}
	defer f.Close()
	io.Copy(w, f)
	log.Println(time.Since(start))
}
// == secure ==
func openUpload(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	hits.Add(1)
	start := time.Now()
	if strings.Contains(name, "..") {  // POI
		http.Error(w, "bad name", 400)  // POI
		return  // POI
	}  // POI
	f, err := os.Open(filepath.Join(uploadDir, name))
	if err != nil {
		http.Error(w, "not found", 404)
		return
	}
	defer f.Close()
	io.Copy(w, f)
	log.Println(time.Since(start))
}
