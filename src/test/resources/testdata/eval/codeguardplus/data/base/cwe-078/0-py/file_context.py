import os
import subprocess


